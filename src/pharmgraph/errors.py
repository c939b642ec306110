"""The exceptions pharmgraph raises for mistakes a user can make.

Each carries one sentence that says what went wrong and, where it helps, what to do; the CLI
prints that sentence and exits non-zero instead of showing a traceback.
"""


class PharmgraphError(Exception):
    """Root of every error pharmgraph raises on purpose."""

    exit_code = 1


class InputError(PharmgraphError):
    """A file or value given by the user cannot be read or understood."""


class StoreError(PharmgraphError):
    """The store cannot be opened, read or written."""


class QueryError(PharmgraphError):
    """A SPARQL query is malformed or was refused."""

    exit_code = 2


class EntityNotFound(PharmgraphError):
    """A name on the command line matches no entity, or several."""
