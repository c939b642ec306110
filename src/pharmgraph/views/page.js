/* pharmgraph view: draws the graph held in #pg-data with vis-network and shows details.
 * Untrusted text (labels, sentences, document names) only ever reaches the page through
 * textContent or vis-network's canvas labels, never through innerHTML. */
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var parsed = performance.now();
  var style = data.style;
  var status = document.getElementById("pg-status");
  var details = document.getElementById("pg-details");
  var large = data.nodes.length > 1000 || data.edges.length > 2000;
  var hasPath = data.path.length > 0;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  var nodeById = new Map();
  var edgeById = new Map();
  var incident = new Map();
  var onPath = new Set(data.path);
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); incident.set(n.id, []); });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    incident.get(e.from).push(e);
    if (e.to !== e.from) incident.get(e.to).push(e);
  });

  function edgeLabel(e) {
    if (e.negated) return "\u2715 NOT " + e.predicate;
    return data.edgeLabels ? e.predicate : undefined;
  }

  function short(text) {
    text = String(text);
    return text.length > 40 ? text.slice(0, 38) + "\u2026" : text;
  }

  var visNodes = data.nodes.map(function (n) {
    var item = { id: n.id, label: short(n.label), group: n.category, x: n.x, y: n.y };
    if (hasPath) {
      if (onPath.has(n.id)) {
        var s = style.nodes[n.category] || style.nodes.other;
        item.borderWidth = 4;
        item.color = { background: s.color, border: style.modifiers.path.color };
        item.font = { size: 16, color: "#111", strokeWidth: 4, strokeColor: "#fff" };
        item.size = 22;
      } else {
        item.opacity = 0.35;
      }
    }
    return item;
  });

  var visEdges = data.edges.map(function (e) {
    var s = style.edges[e.kind] || style.edges.other;
    var item = { id: e.id, from: e.from, to: e.to, color: s.color };
    if (s.arrow !== "arrow") item.arrows = { to: { enabled: true, type: s.arrow, scaleFactor: 0.8 } };
    if (e.certainty === "hedged") item.dashes = style.modifiers.hedged.dashes;
    if (e.smooth) item.smooth = e.smooth;
    if (e.negated) {
      var neg = style.modifiers.negated;
      item.color = neg.color;
      item.dashes = neg.dashes;
      delete item.arrows;
      item.font = { color: neg.mark, size: 13, bold: true, strokeWidth: 4, strokeColor: "#fff" };
    }
    var label = edgeLabel(e);
    if (label !== undefined) item.label = label;
    if (hasPath) {
      if (e.path) {
        item.width = 4.5;
        item.shadow = { enabled: true, color: style.modifiers.path.color, size: 14, x: 0, y: 0 };
      } else {
        item.color = { color: item.color, highlight: item.color, hover: item.color, opacity: 0.2 };
      }
    }
    return item;
  });

  var groups = {};
  Object.keys(style.nodes).forEach(function (key) {
    var s = style.nodes[key];
    groups[key] = { shape: s.shape, color: { background: s.color, border: s.border,
      highlight: { background: s.color, border: "#111" }, hover: { background: s.color, border: "#111" } } };
  });

  var options = {
    autoResize: true,
    groups: groups,
    nodes: {
      size: large ? 9 : 14, borderWidth: 1.5,
      font: { size: 15, face: "sans-serif", color: "#1d232b", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 6 } }
    },
    edges: {
      selectionWidth: 2, hoverWidth: 1, width: large ? 1 : 1.8,
      arrows: { to: { enabled: true, type: "arrow", scaleFactor: 0.8 } },
      font: { size: 11, color: "#55606b", strokeWidth: 3, strokeColor: "#ffffff", face: "sans-serif", align: "middle" },
      smooth: false
    },
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: data.physics ? {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -4000, springLength: 140, springConstant: 0.03, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: 300, fit: true }
    } : { enabled: false },
    interaction: {
      hover: !large || data.nodes.length <= 5000, tooltipDelay: 150, multiselect: false,
      hideEdgesOnDrag: large, hideEdgesOnZoom: large, navigationButtons: false, keyboard: false
    }
  };

  var prepared = performance.now();
  var container = document.getElementById("pg-network");
  var network = new vis.Network(container, {
    nodes: new vis.DataSet(visNodes), edges: new vis.DataSet(visEdges)
  }, options);

  var built = performance.now();
  network.fit({ animation: false });
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
  }

  function resourceCount() {
    return performance.getEntriesByType ? performance.getEntriesByType("resource").length : 0;
  }
  var observed = 0;
  if (window.PerformanceObserver) {
    try {
      new PerformanceObserver(function (list) {
        observed += list.getEntries().length;
        status.setAttribute("data-resources", String(Math.max(resourceCount(), observed)));
      }).observe({ type: "resource", buffered: true });
    } catch (err) { /* older browsers: the direct count below still applies */ }
  }

  network.once("afterDrawing", function () {
    var ready = performance.now();
    var positions = network.getPositions();
    var drawnNodes = Object.keys(network.body.nodes).filter(function (id) {
      var p = positions[id];
      return p && isFinite(p.x) && isFinite(p.y) && nodeById.has(id);
    });
    var drawnEdges = Object.keys(network.body.edges).filter(function (id) {
      var edge = network.body.edges[id];
      return edgeById.has(id) && edge.connected;
    });
    status.setAttribute("data-nodes", String(drawnNodes.length));
    status.setAttribute("data-edges", String(drawnEdges.length));
    status.setAttribute("data-ready-ms", ready.toFixed(1));
    status.setAttribute("data-timings", [started, parsed, prepared, built, ready].map(function (t) { return t.toFixed(0); }).join(" "));
    status.setAttribute("data-resources", String(Math.max(resourceCount(), observed)));
    if (drawnNodes.length <= 5000) {
      document.getElementById("pg-drawn").textContent = JSON.stringify({
        nodes: drawnNodes,
        edges: drawnEdges.map(function (id) {
          var e = edgeById.get(id);
          return [e.from, e.key, e.to];
        })
      });
    }
    status.setAttribute("data-state", "drawn");
  });

  /* ---- details panel ---- */
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function hint() {
    clear(details);
    details.appendChild(el("h2", "Details"));
    details.appendChild(el("p", "Click a node or an edge to see its identifier, statements and evidence.", "pg-hint"));
  }

  function row(dl, name, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", name));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    dl.appendChild(dd);
  }

  function code(text) { return el("code", text); }

  function nodeName(id) { var n = nodeById.get(id); return n ? n.label : id; }

  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) return;
    clear(details);
    details.setAttribute("data-selected", n.id);
    details.appendChild(el("h2", "Node"));
    details.appendChild(el("h3", n.label));
    var dl = el("dl");
    row(dl, "Identifier", code(n.id));
    row(dl, "Type", n.type);
    row(dl, "Shown as", (style.nodes[n.category] || style.nodes.other).label);
    row(dl, "Synonyms", n.synonyms);
    row(dl, "Broader", n.broader.map(nodeName));
    details.appendChild(dl);
    var list = incident.get(n.id) || [];
    details.appendChild(el("h2", "Statements (" + list.length + ")"));
    var ul = el("ul", null, "pg-statements");
    list.slice(0, 200).forEach(function (e) {
      var li = el("li");
      var a = el("a", (e.negated ? "NOT " : "") + nodeName(e.from) + " \u2192 " + e.predicate + " \u2192 " + nodeName(e.to));
      a.setAttribute("role", "button");
      a.addEventListener("click", function () { select(e.id); });
      li.appendChild(a);
      if (e.certainty === "hedged") li.appendChild(el("span", " (hedged)", "pg-hedged"));
      ul.appendChild(li);
    });
    if (list.length > 200) ul.appendChild(el("li", "\u2026 and " + (list.length - 200) + " more"));
    details.appendChild(ul);
  }

  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    clear(details);
    details.setAttribute("data-selected", e.id);
    details.appendChild(el("h2", "Statement"));
    var h = el("h3");
    h.appendChild(document.createTextNode(nodeName(e.from) + " "));
    if (e.negated) h.appendChild(el("span", "NOT ", "pg-not"));
    h.appendChild(document.createTextNode(e.predicate + " " + nodeName(e.to)));
    details.appendChild(h);
    var dl = el("dl");
    row(dl, "Subject", nodeName(e.from) + " (" + e.from + ")");
    row(dl, "Predicate", code(e.predicate));
    row(dl, "Object", nodeName(e.to) + " (" + e.to + ")");
    row(dl, "Kind", (style.edges[e.kind] || style.edges.other).label);
    row(dl, "Certainty", e.certainty);
    row(dl, "Negated", e.negated ? "yes: the documents say this does NOT hold" : "no");
    row(dl, "Documents", e.documents);
    row(dl, "Evidence", String(e.evidence_count));
    details.appendChild(dl);
    details.appendChild(el("h2", "Evidence"));
    var ul = el("ul", null, "pg-evidence");
    e.evidence.forEach(function (ev) {
      var li = el("li");
      /* display: without citation markers and Markdown; the exact source text is the tooltip. */
      var sentence = el("p", ev.display || ev.text || "(no sentence recorded)", "pg-sentence");
      if (ev.text) sentence.setAttribute("title", ev.text);
      li.appendChild(sentence);
      var where = ev.document || "unknown document";
      if (ev.start !== null && ev.start !== undefined) where += " \u00b7 characters " + ev.start + "\u2013" + ev.end;
      if (ev.references && ev.references.length) where += " \u00b7 cites " + ev.references.join(", ");
      li.appendChild(el("div", where, "pg-source"));
      ul.appendChild(li);
    });
    if (e.evidence_count > e.evidence.length) {
      ul.appendChild(el("li", "\u2026 and " + (e.evidence_count - e.evidence.length) + " more in the store"));
    }
    details.appendChild(ul);
  }

  var pinned = null;
  function select(id, focus) {
    if (nodeById.has(id)) {
      pinned = id;
      network.selectNodes([id]);
      showNode(id);
      if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    } else if (edgeById.has(id)) {
      pinned = id;
      network.selectEdges([id]);
      showEdge(id);
      if (focus) {
        var e = edgeById.get(id);
        var pos = network.getPositions([e.from, e.to]);
        network.moveTo({ position: { x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2 },
                         scale: Math.max(network.getScale(), 1.0), animation: false });
      }
    }
  }
  function show(id) {
    if (nodeById.has(id)) showNode(id); else if (edgeById.has(id)) showEdge(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0]); }
    else if (params.edges.length) { select(params.edges[0]); }
    else { pinned = null; details.removeAttribute("data-selected"); hint(); }
  });
  network.on("hoverNode", function (params) { if (!pinned) show(params.node); });
  network.on("hoverEdge", function (params) { if (!pinned) show(params.edge); });
  network.on("blurNode", function () { if (!pinned) hint(); });
  network.on("blurEdge", function () { if (!pinned) hint(); });

  /* ---- search ---- */
  var form = document.getElementById("pg-search-form");
  var input = document.getElementById("pg-search");
  var message = document.getElementById("pg-search-msg");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = input.value.trim().toLowerCase();
    message.textContent = "";
    if (!q) return;
    var exact = null, partial = null;
    for (var i = 0; i < data.nodes.length; i++) {
      var n = data.nodes[i];
      var names = [n.label, n.id].concat(n.synonyms).map(function (s) { return String(s).toLowerCase(); });
      if (names.indexOf(q) >= 0) { exact = n; break; }
      if (!partial && names.some(function (s) { return s.indexOf(q) >= 0; })) partial = n;
    }
    var hit = exact || partial;
    if (hit) select(hit.id, true); else message.textContent = "no match";
  });
  document.getElementById("pg-fit").addEventListener("click", function () { network.fit({ animation: false }); });

  hint();
  var hash = window.location.hash;
  if (hash.indexOf("#select=") === 0) {
    var wanted = decodeURIComponent(hash.slice(8));
    select(wanted, true);
  }
})();
