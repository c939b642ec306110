"""Questions over the knowledge graph, asked of the store with SPARQL.

Every function below takes a store (:class:`pharmgraph.store.GraphStore`, embedded or a
SPARQL 1.1 server) or a :class:`networkx.MultiDiGraph` made by :func:`project` first. Given a
store, a function reads only what its question touches, with the named queries of
``pharmgraph/queries`` (:mod:`pharmgraph.analysis.local`), and runs the same code on that
small graph; whole-graph questions (centrality, every pair of drugs) use the projection
saved beside the store and updated per document (:func:`saved_projection`). Answers are
lists with ``to_dataframe()`` (:class:`Rows`, :class:`PathList`):

* :func:`resolve_entity` - a name, synonym or CURIE to a CURIE;
* :func:`shared_targets`, :func:`shared_effects`, :func:`shared_indications`,
  :func:`opposite_actions` - what drugs have in common, across the target hierarchy;
* :func:`shortest_paths`, :func:`neighbors` - how entities are connected, with evidence;
* :func:`mechanism_paths` - drug -> target -> process -> disease chains, hop by hop curated
  or text-mined;
* :func:`known_or_new`, :func:`statement_status` - whether a curated source supports,
  contradicts or is silent about what the documents say;
* :func:`similar` - drugs with the closest target and effect profile;
* :func:`centrality` - degree and PageRank by entity type.

Negated statements are never edges of the normal graph; :func:`negated_statements` returns
them, and the answers above report those that contradict what they show.
"""

from pharmgraph.analysis.answers import PathList, Rows
from pharmgraph.analysis.cache import saved_projection
from pharmgraph.analysis.centrality import centrality
from pharmgraph.analysis.local import LocalGraph, focus_graph
from pharmgraph.analysis.novelty import known_or_new, statement_status
from pharmgraph.analysis.paths import Hop, Path, mechanism_paths, neighbors, shortest_paths
from pharmgraph.analysis.projection import negated_statements, neighbourhood, project
from pharmgraph.analysis.resolve import resolve_entity
from pharmgraph.analysis.shared import (
    check_roles,
    opposite_actions,
    shared_effects,
    shared_indications,
    shared_targets,
)
from pharmgraph.analysis.similarity import similar

__all__ = [
    "Hop",
    "LocalGraph",
    "Path",
    "PathList",
    "Rows",
    "centrality",
    "check_roles",
    "focus_graph",
    "known_or_new",
    "mechanism_paths",
    "negated_statements",
    "neighbors",
    "neighbourhood",
    "opposite_actions",
    "project",
    "resolve_entity",
    "saved_projection",
    "shared_effects",
    "shared_indications",
    "shared_targets",
    "shortest_paths",
    "similar",
    "statement_status",
]
