"""Positions for the drawings, computed once in Python: deterministic, and the page opens at once.

- `clustered`: each community laid out on its own (seeded Fruchterman-Reingold), the
  communities then placed as discs by a seeded layout of the community graph and pushed apart
  until no two discs overlap; actors with no relation at all go in a grid below. A community
  is a visible cluster, and a hub does not pull everything into one starburst.
- `spring_positions`: Fruchterman-Reingold in numpy blocks, for communities too large for
  networkx's dense layout.
- `radial`: an ego view as rings: the centre in the middle, its neighbours on the first ring
  (grouped by class, the most relevant first), theirs on the next, each near the one it hangs
  from; ring radii grow with the ring's size so neighbours keep their distance.
"""

from __future__ import annotations

import math

SEED = 7
SPACING = 90.0  # pixels between neighbouring nodes, roughly


def clustered(g, community: dict[str, int], seed: int = SEED) -> dict[str, tuple[float, float]]:
    """node -> (x, y) for an undirected weighted networkx Graph `g` (see the module docstring)."""
    import networkx as nx

    nodes = sorted(g)
    lonely = [n for n in nodes if g.degree(n) == 0]
    groups: dict[int, list[str]] = {}
    for n in nodes:
        if g.degree(n):
            groups.setdefault(community.get(n, -1), []).append(n)
    order = sorted(groups, key=lambda c: (-len(groups[c]), groups[c][0]))
    inner: dict[int, dict[str, tuple[float, float]]] = {}
    radius: dict[int, float] = {}
    for c in order:
        members = groups[c]
        inner[c] = _spring(g.subgraph(members), seed)
        radius[c] = max((math.hypot(x, y) for x, y in inner[c].values()), default=0.0) + SPACING / 2
    # the community graph: communities as nodes, weighted by the edges between them
    between = nx.Graph()
    between.add_nodes_from(order)
    for u, v, w in sorted(g.edges(data="weight", default=1)):
        a, b = community.get(u, -1), community.get(v, -1)
        if a != b and a in groups and b in groups:
            old = between.get_edge_data(a, b, {"weight": 0})["weight"]
            between.add_edge(a, b, weight=old + w)
    if len(order) > 1:
        start = nx.spring_layout(between, seed=seed, weight="weight")
        scale = sum(radius.values()) / 2
        centres = {c: [start[c][0] * scale, start[c][1] * scale] for c in order}
        _separate(centres, radius, order)
    else:
        centres = {c: [0.0, 0.0] for c in order}
    positions = {}
    for c in order:
        cx, cy = centres[c]
        for n, (x, y) in inner[c].items():
            positions[n] = (cx + x, cy + y)
    if lonely:  # a grid under the drawing
        bottom = max((y for _, y in positions.values()), default=0.0) + 2 * SPACING
        left = min((x for x, _ in positions.values()), default=0.0)
        width = max(max((x for x, _ in positions.values()), default=0.0) - left, SPACING * 8)
        per_row = max(1, int(width // (SPACING * 1.6)))
        for i, n in enumerate(lonely):
            positions[n] = (left + (i % per_row) * SPACING * 1.6, bottom + (i // per_row) * SPACING * 0.8)
    return _rounded(_centred(positions))


def _spring(g, seed: int) -> dict[str, tuple[float, float]]:
    """Positions of one community, centred on 0, about SPACING apart."""
    import networkx as nx

    nodes = sorted(g)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-SPACING / 2, 0.0), nodes[1]: (SPACING / 2, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted((min(u, v), max(u, v), {"weight": math.log1p(w)})
                                  for u, v, w in g.edges(data="weight", default=1)))
    if n > 400:  # networkx's own layout would need scipy here
        pos = spring_positions(ordered, seed)
    else:
        raw = nx.spring_layout(ordered, seed=seed, weight="weight", iterations=100)
        pos = {k: (float(x), float(y)) for k, (x, y) in raw.items()}
    # scale so that the median nearest-neighbour distance is SPACING (a sample of at most 500)
    import numpy as np

    points = np.array([pos[k] for k in nodes], dtype=float)
    sample = points[:: max(1, n // 500)]
    distance = np.sqrt(((sample[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    distance[distance == 0] = np.inf
    nearest = float(np.median(distance.min(axis=1)))
    factor = SPACING / max(nearest if np.isfinite(nearest) else 1.0, 1e-9)
    return _centred({k: (x * factor, y * factor) for k, (x, y) in pos.items()})


def _separate(centres: dict, radius: dict, order: list, gap: float = SPACING, rounds: int = 400) -> None:
    """Push overlapping discs apart (in place), the larger disc moving less. In the first half
    everything is also drawn a little towards the middle, so the discs end up packed; the second
    half only separates, so that no two discs overlap at the end."""
    for round_number in range(rounds):
        moved = False
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                dx, dy = centres[b][0] - centres[a][0], centres[b][1] - centres[a][1]
                distance = math.hypot(dx, dy)
                wanted = radius[a] + radius[b] + gap
                if distance < wanted:
                    if distance < 1e-6:
                        dx, dy, distance = 1.0, 0.0, 1.0
                    push = (wanted - distance) / distance
                    share = radius[a] / (radius[a] + radius[b])
                    centres[a][0] -= dx * push * (1 - share)
                    centres[a][1] -= dy * push * (1 - share)
                    centres[b][0] += dx * push * share
                    centres[b][1] += dy * push * share
                    moved = True
        if round_number < rounds // 2:
            for c in order:
                centres[c][0] *= 0.99
                centres[c][1] *= 0.99
        elif not moved:
            break


def radial(centre: str, rings: list[list[tuple[str, str]]], group: dict[str, str]) -> dict:
    """Ego positions: `rings[i]` lists (node, parent) for ring i+1 (the most relevant ring first);
    nodes hanging from the centre are ordered around their ring by `group` (their class), the
    others by the angle of the node they hang from."""
    positions = {centre: (0.0, 0.0)}
    angle = {centre: 0.0}
    previous = 0.0
    for ring_nodes in rings:
        if not ring_nodes:
            continue
        order = {node: i for i, (node, _) in enumerate(ring_nodes)}
        ordered = sorted(ring_nodes, key=lambda item: (angle.get(item[1], 0.0) if item[1] != centre else -1.0,
                                                       group.get(item[0], ""), order[item[0]]))
        count = len(ordered)
        radius = max(previous + 2.4 * SPACING, count * SPACING * 1.25 / (2 * math.pi))
        offset = math.pi / count if len(rings) > 1 else 0.0
        for i, (node, _) in enumerate(ordered):
            theta = 2 * math.pi * i / count + offset - math.pi / 2
            r = radius + (SPACING * 0.4 if count > 14 and i % 2 else 0.0)
            positions[node] = (r * math.cos(theta), r * math.sin(theta))
            angle[node] = theta
        previous = radius + (SPACING * 0.4 if count > 14 else 0.0)
    return _rounded(positions)


def spring_positions(network, seed: int = SEED, iterations: int = 50, block: int = 1024,
                     sample: int = 400, exact_up_to: int = 1000, gravity: float = 2.0) -> dict:
    """Fruchterman-Reingold positions, deterministic for a seed, ignoring edge direction.

    networkx's spring_layout needs scipy above 500 nodes and holds n×n×2 arrays; this is the same
    algorithm in blocks of matrix products. Above `exact_up_to` nodes each step repels every node
    from `sample` seeded random pivots (scaled), so 5,000 nodes take seconds, not minutes.
    Returns node -> (x, y) in pixels, centred on 0.
    """
    import numpy as np

    nodes = list(network)
    n = len(nodes)
    if n < 2:
        return {node: (0.0, 0.0) for node in nodes}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in network.edges() if u != v})
    ends = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k2 = 1.0 / n  # k = sqrt(area / n), area 1
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        if n > exact_up_to:
            pivots, scale = pos[rng.choice(n, sample, replace=False)], n / sample
        else:
            pivots, scale = pos, 1.0
        squares, pivot_squares = (pos * pos).sum(axis=1), (pivots * pivots).sum(axis=1)
        displacement = np.empty((n, 2))
        for start in range(0, n, block):
            p = pos[start:start + block]
            distance2 = squares[start:start + block, None] + pivot_squares[None, :] - 2 * (p @ pivots.T)
            weight = (k2 * scale) / np.maximum(distance2, 1e-6)  # repulsion k²/d along the unit vector
            displacement[start:start + block] = p * weight.sum(axis=1)[:, None] - weight @ pivots
        if len(ends):
            delta = pos[ends[:, 0]] - pos[ends[:, 1]]
            pull = delta * (np.sqrt((delta * delta).sum(axis=1)) * math.sqrt(n))[:, None]  # attraction d²/k
            for axis in (0, 1):
                displacement[:, axis] += np.bincount(ends[:, 1], pull[:, axis], minlength=n)
                displacement[:, axis] -= np.bincount(ends[:, 0], pull[:, axis], minlength=n)
        displacement -= gravity * (pos - pos.mean(axis=0))  # keeps small components and loners near
        length = np.maximum(np.sqrt((displacement * displacement).sum(axis=1)), 0.01)
        pos += displacement * (temperature / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    extent = np.abs(pos).max() or 1.0
    pos *= 45.0 * math.sqrt(n) / extent
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, pos, strict=True)}


def _centred(positions: dict) -> dict:
    if not positions:
        return positions
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {n: (x - cx, y - cy) for n, (x, y) in positions.items()}


def _rounded(positions: dict) -> dict:
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in sorted(positions.items())}
