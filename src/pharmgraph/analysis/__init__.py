"""Questions over the knowledge graph, answered with networkx.

:func:`project` turns the store into a :class:`networkx.MultiDiGraph` (entities as nodes keyed
by CURIE, statements as edges keyed by predicate, with their evidence); every other function
takes that graph first and returns plain values:

* :func:`resolve_entity` - a name, synonym or CURIE to a CURIE;
* :func:`shared_targets`, :func:`shared_effects`, :func:`shared_indications`,
  :func:`opposite_actions` - what drugs have in common, across the target hierarchy;
* :func:`shortest_paths`, :func:`neighbors` - how entities are connected, with evidence;
* :func:`similar` - drugs with the closest target and effect profile;
* :func:`centrality` - degree and PageRank by entity type.

Negated statements are never edges of the normal graph; :func:`negated_statements` returns
them, and the answers above report those that contradict what they show.
"""

from pharmgraph.analysis.centrality import centrality
from pharmgraph.analysis.paths import Hop, Path, neighbors, shortest_paths
from pharmgraph.analysis.projection import negated_statements, neighbourhood, project
from pharmgraph.analysis.resolve import resolve_entity
from pharmgraph.analysis.shared import (
    opposite_actions,
    shared_effects,
    shared_indications,
    shared_targets,
)
from pharmgraph.analysis.similarity import similar

__all__ = [
    "Hop",
    "Path",
    "centrality",
    "negated_statements",
    "neighbors",
    "neighbourhood",
    "opposite_actions",
    "project",
    "resolve_entity",
    "shared_effects",
    "shared_indications",
    "shared_targets",
    "shortest_paths",
    "similar",
]
