"""Node positions computed in Python, so that the browser draws a view without running physics.

Two layouts, both numpy only (no scipy) and both deterministic for a given seed:

- :func:`force_layout`: Fruchterman-Reingold forces with a cooling schedule. Repulsion is exact
  (all pairs) for graphs of up to :data:`EXACT_LIMIT` nodes; above that it is computed on a
  grid by FFT convolution (a particle-mesh method), so one iteration costs O(n + G² log G)
  instead of O(n²) and 20,000 nodes lay out in seconds.
- :func:`grouped_layout`: concentric rings by type group (drugs inside, then targets, effects,
  diseases, adverse events), each ring ordered by its neighbours' angles to cut crossings.

Positions are returned in vis-network pixel units, centred on the origin.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np

EXACT_LIMIT = 300
"""Largest node count whose repulsion is computed over all pairs."""

GROUP_ORDER = ("Drug", "Target", "Effect", "Disease", "AdverseEvent", "Entity")


def _edge_index(nodes: Sequence[Hashable], edges: Sequence[tuple[Hashable, Hashable]]) -> np.ndarray:
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in edges if u in index and v in index and u != v]
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    arr = np.unique(np.sort(np.asarray(pairs, dtype=np.int64), axis=1), axis=0)
    return arr


def _initial(n: int, groups: Sequence[str] | None, rng: np.random.Generator) -> np.ndarray:
    """Start each group in its own sector of a disc, so groups begin apart."""
    radius = np.sqrt(n) * 0.8 + 1.0
    r = radius * np.sqrt(rng.random(n))
    theta = rng.random(n) * 2 * np.pi
    if groups is not None:
        names = sorted(set(groups), key=lambda g: GROUP_ORDER.index(g) if g in GROUP_ORDER else 99)
        sector = {g: i for i, g in enumerate(names)}
        width = 2 * np.pi / max(1, len(names))
        theta = np.array([sector[g] * width for g in groups]) + rng.random(n) * width
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def _repulsion_exact(pos: np.ndarray) -> np.ndarray:
    dx = pos[:, 0, None] - pos[None, :, 0]
    dy = pos[:, 1, None] - pos[None, :, 1]
    inv = dx * dx + dy * dy
    np.fill_diagonal(inv, np.inf)
    np.maximum(inv, 1e-4, out=inv)
    np.reciprocal(inv, out=inv)
    return np.column_stack([(dx * inv).sum(axis=1), (dy * inv).sum(axis=1)])


class _MeshRepulsion:
    """Repulsion k²/r from every node, approximated on a G x G grid by FFT convolution."""

    def __init__(self, n: int) -> None:
        self.size = int(np.clip(np.sqrt(n) * 1.2, 32, 192))
        g = self.size
        offsets = np.arange(-g + 1, g, dtype=float)
        ox, oy = np.meshgrid(offsets, offsets, indexing="ij")
        r2 = ox**2 + oy**2
        r2[g - 1, g - 1] = np.inf
        self.shape = (2 * g, 2 * g)
        kx = np.zeros(self.shape)
        ky = np.zeros(self.shape)
        kx[: 2 * g - 1, : 2 * g - 1] = ox / r2
        ky[: 2 * g - 1, : 2 * g - 1] = oy / r2
        self.kx = np.fft.rfft2(kx)
        self.ky = np.fft.rfft2(ky)

    def __call__(self, pos: np.ndarray) -> np.ndarray:
        g = self.size
        low = pos.min(axis=0)
        extent = float((pos.max(axis=0) - low).max()) + 1e-9
        h = extent / (g - 1)
        cell = np.minimum(((pos - low) / h).astype(np.int64), g - 1)
        flat = cell[:, 0] * g + cell[:, 1]
        counts = np.bincount(flat, minlength=g * g)
        density = np.zeros(self.shape)
        density[:g, :g] = counts.reshape(g, g)
        spectrum = np.fft.rfft2(density)
        fx = np.fft.irfft2(spectrum * self.kx, s=self.shape)[g - 1 : 2 * g - 1, g - 1 : 2 * g - 1]
        fy = np.fft.irfft2(spectrum * self.ky, s=self.shape)[g - 1 : 2 * g - 1, g - 1 : 2 * g - 1]
        force = np.column_stack([fx.ravel()[flat], fy.ravel()[flat]]) / h
        # Nodes sharing a cell: push each away from the cell's centre of mass.
        sx = np.bincount(flat, weights=pos[:, 0], minlength=g * g)
        sy = np.bincount(flat, weights=pos[:, 1], minlength=g * g)
        centre = np.column_stack([sx[flat], sy[flat]]) / counts[flat, None]
        offset = pos - centre
        force += offset * (counts[flat, None] - 1) / max(h * h, 1e-9) * 2.0
        return force


def force_layout(
    nodes: Sequence[Hashable],
    edges: Sequence[tuple[Hashable, Hashable]],
    *,
    groups: Sequence[str] | None = None,
    iterations: int | None = None,
    seed: int = 7,
    scale: float | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Lay out a graph with Fruchterman-Reingold forces; scalable to tens of thousands of nodes.

    Parameters
    ----------
    nodes : sequence
        Node keys.
    edges : sequence of (u, v)
        Links; direction, duplicates and self-loops are ignored.
    groups : sequence of str, optional
        Each node's type group; nodes of a group start in the same sector.
    iterations : int, optional
        Steps of the cooling schedule; by default 300 for small graphs down to 60 for large.
    seed : int
        Seed of the initial positions: the same graph and seed give the same layout.
    scale : float, optional
        Pixels per unit of ideal edge length (default 150 for small graphs, 60 for large).

    Returns
    -------
    dict
        Node key -> (x, y) in pixels, centred on the origin.
    """
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    pairs = _edge_index(nodes, edges)
    pos = _initial(n, groups, rng)
    if iterations is None:
        iterations = 300 if n <= 300 else 150 if n <= EXACT_LIMIT else 80
    if scale is None:
        scale = 150.0 if n <= 300 else 90.0 if n <= 2000 else 60.0
    repel = _repulsion_exact if n <= EXACT_LIMIT else _MeshRepulsion(n)
    degree = np.bincount(pairs.ravel(), minlength=n).astype(float) if len(pairs) else np.zeros(n)
    gravity = 1.0 + 0.05 * degree
    start = np.sqrt(n) * 0.25 + 1.0
    for step in range(iterations):
        temperature = start * (1.0 - step / iterations) + 0.02
        force = repel(pos)
        if len(pairs):
            delta = pos[pairs[:, 1]] - pos[pairs[:, 0]]
            dist = np.sqrt((delta**2).sum(axis=1))[:, None]
            pull = delta * dist
            for axis in (0, 1):
                force[:, axis] += np.bincount(pairs[:, 0], weights=pull[:, axis], minlength=n)
                force[:, axis] -= np.bincount(pairs[:, 1], weights=pull[:, axis], minlength=n)
        force -= gravity[:, None] * pos
        length = np.sqrt((force**2).sum(axis=1))[:, None]
        pos += force / np.maximum(length, 1e-9) * np.minimum(length, temperature)
    pos -= pos.mean(axis=0)
    pos *= scale
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, pos, strict=True)}


def grouped_layout(
    nodes: Sequence[Hashable],
    edges: Sequence[tuple[Hashable, Hashable]],
    groups: Sequence[str],
    *,
    spacing: float = 70.0,
) -> dict[Hashable, tuple[float, float]]:
    """Place each type group on its own ring: drugs inside, then targets, effects, diseases.

    Within a ring nodes are ordered by the mean angle of their neighbours on inner rings
    (two barycentre passes), so related nodes sit at similar angles.

    Parameters
    ----------
    nodes, edges, groups :
        As for :func:`force_layout`; ``groups`` is required.
    spacing : float
        Distance in pixels between neighbours on a ring and between rings.
    """
    n = len(nodes)
    if n == 0:
        return {}
    rank = {g: i for i, g in enumerate(GROUP_ORDER)}
    ring_of = np.array([rank.get(g, len(GROUP_ORDER) - 1) for g in groups])
    rings = sorted(set(ring_of.tolist()))
    pairs = _edge_index(nodes, edges)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, b in pairs.tolist():
        neighbours[a].append(b)
        neighbours[b].append(a)
    angle = np.zeros(n)
    radius = np.zeros(n)
    current = 0.0
    for _ in range(2):
        current = 0.0
        for ring in rings:
            members = np.flatnonzero(ring_of == ring)
            keys = []
            for i in members.tolist():
                placed = [angle[j] for j in neighbours[i] if ring_of[j] != ring]
                if placed:
                    keys.append(float(np.angle(np.exp(1j * np.asarray(placed)).mean())))
                else:
                    keys.append(float(angle[i]))
            order = members[np.argsort(keys, kind="stable")]
            circumference = len(order) * spacing
            r = max(current + spacing * 2.5, circumference / (2 * np.pi)) if len(order) > 1 else current
            angle[order] = np.linspace(-np.pi, np.pi, len(order), endpoint=False)
            radius[order] = r
            current = r
    x = radius * np.cos(angle)
    y = radius * np.sin(angle)
    return {node: (round(float(a), 1), round(float(b), 1)) for node, a, b in zip(nodes, x, y, strict=True)}


def positions_from(mapping: Mapping[Hashable, Sequence[float]], nodes: Sequence[Hashable]) -> dict[Hashable, tuple[float, float]]:
    """Check caller-supplied positions: every node needs a finite (x, y)."""
    out = {}
    for node in nodes:
        if node not in mapping:
            raise ValueError(f"the layout gives no position for node {node!r}")
        x, y = (float(v) for v in mapping[node][:2])
        if not (np.isfinite(x) and np.isfinite(y)):
            raise ValueError(f"the layout gives a non-finite position for node {node!r}")
        out[node] = (x, y)
    return out


def remove_overlaps(
    positions: Mapping[Hashable, Sequence[float]],
    sizes: Mapping[Hashable, tuple[float, float]],
    *,
    rounds: int = 40,
) -> dict[Hashable, tuple[float, float]]:
    """Push apart nodes whose boxes (node and label) overlap; for small graphs (all pairs).

    Parameters
    ----------
    positions : mapping
        Node -> (x, y), box centres.
    sizes : mapping
        Node -> (width, height) of the box to keep clear, in the same units.
    rounds : int
        Most passes; stops early when nothing overlaps.
    """
    nodes = list(positions)
    if len(nodes) < 2:
        return {n: (float(positions[n][0]), float(positions[n][1])) for n in nodes}
    pos = np.array([positions[n][:2] for n in nodes], dtype=float)
    half = np.array([sizes[n] for n in nodes], dtype=float) / 2
    for _ in range(rounds):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        ox = half[:, 0, None] + half[None, :, 0] - np.abs(dx)
        oy = half[:, 1, None] + half[None, :, 1] - np.abs(dy)
        overlap = (ox > 0) & (oy > 0)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        # Move along the axis that needs the smaller shift, half each way.
        along_x = overlap & (ox <= oy)
        along_y = overlap & (ox > oy)
        sx = np.where(dx >= 0, 1.0, -1.0)
        sy = np.where(dy >= 0, 1.0, -1.0)
        pos[:, 0] += (np.where(along_x, ox * sx, 0.0) * 0.5).sum(axis=1) * 0.6
        pos[:, 1] += (np.where(along_y, oy * sy, 0.0) * 0.5).sum(axis=1) * 0.6
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, pos, strict=True)}
