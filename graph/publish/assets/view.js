// A network view of policing-kg, drawn with vis-network (assets/vis-network.min.js).
//
// window.KG is the folded network (actors, their facts, the relations between them) and
// window.KG_VIEW says which actors this view shows, where, and in which batches ("show more").
// Every text from the graph reaches the page through textContent, never as HTML.
(function () {
  "use strict";
  var KG = window.KG, V = window.KG_VIEW;
  var box = document.getElementById("kg-network");
  var view = window.kgView = {ready: false, focused: null};
  if (!KG || !V || !box || !window.vis) return;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function norm(s) {  // "Pred-Pol", "pred pol" and "predpol" are one name
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "");
  }
  function href(node) { return KG.pageBase + node.id + KG.pageSuffix; }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  var classes = KG.classes, actors = KG.nodes, facts = KG.facts;
  var palette = KG.communityColours || [];
  var tiers = {}, position = {}, inView = {}, maxTier = 0;
  V.nodes.forEach(function (item) {  // [actor index, x, y, tier]
    position[item[0]] = {x: item[1], y: item[2]};
    tiers[item[0]] = item[3];
    inView[item[0]] = true;
    if (item[3] > maxTier) maxTier = item[3];
  });
  var allowedFacts = null;
  if (V.facts) { allowedFacts = {}; V.facts.forEach(function (f) { allowedFacts[f] = true; }); }
  function factsOf(a) {
    return (actors[a].f || []).filter(function (f) { return !allowedFacts || allowedFacts[f]; });
  }
  var shownTier = 0, hiddenClasses = {}, colourBy = "class", unfolded = false;
  var maxImportance = 1;
  V.nodes.forEach(function (item) { maxImportance = Math.max(maxImportance, actors[item[0]].m || 0); });

  function colour(a) {
    if (colourBy === "community") {
      var k = actors[a].k;
      return k < palette.length ? palette[k] : "#a0a7ae";
    }
    return classes[actors[a].c][1];
  }
  function visible(a) { return inView[a] && tiers[a] <= shownTier && !hiddenClasses[actors[a].c]; }
  var growth = 1;
  function actorNode(a) {
    var n = actors[a], base = 10 + 26 * Math.sqrt((n.m || 0) / maxImportance);
    var size = Math.max(base, Math.min(base * growth, 38));
    if (V.centre === a) size = Math.max(size, 26 * growth);
    return {id: "a" + a, x: position[a].x, y: position[a].y, shape: classes[n.c][2], size: size,
            color: {background: colour(a), border: "#ffffff", highlight: {background: colour(a), border: "#222"},
                    hover: {background: colour(a), border: "#222"}},
            borderWidth: V.centre === a ? 3 : 1.5, hidden: !visible(a), kgActor: a};
  }
  var nodes = new vis.DataSet(V.nodes.map(function (item) { return actorNode(item[0]); }));
  var edgeList = [];
  KG.edges.forEach(function (e, i) {  // [from, to, labels, weight, shared facts, evidence]
    if (!inView[e[0]] || !inView[e[1]]) return;  // relations of actors outside the view are not drawn
    if (allowedFacts && V.relations && V.relations.indexOf(i) < 0) return;
    edgeList.push({id: "r" + i, from: "a" + e[0], to: "a" + e[1], width: Math.min(1 + Math.log(e[3]) * 1.2, 6),
                   dashes: !e[2], arrows: e[2] ? {to: {enabled: true, scaleFactor: 0.4}} : undefined,
                   color: {color: e[2] ? "#8a96a3" : "#c3cad1", highlight: "#333", hover: "#555"},
                   hidden: !(visible(e[0]) && visible(e[1])), kgEdge: i});
  });
  var edges = new vis.DataSet(edgeList);
  var network = new vis.Network(box, {nodes: nodes, edges: edges}, {
    physics: {enabled: false},
    layout: {randomSeed: 7, improvedLayout: false},
    nodes: {font: {size: 0}, shapeProperties: {interpolation: false}},
    edges: {smooth: false, selectionWidth: 1.5, hoverWidth: 0.5},
    interaction: {hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: actors.length > 1500,
                  multiselect: false, navigationButtons: false, keyboard: false}
  });
  view.network = network; view.nodes = nodes; view.edges = edges;

  // --- communities: a soft disc behind each cluster, named after its most important member ----
  function hex(c, alpha) {
    var n = parseInt(c.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  view.halos = [];
  network.on("beforeDrawing", function (ctx) {
    haloLabels = [];
    if (V.kind === "ego") return;  // an ego view's rings say more than its communities
    var positions = network.getPositions(), groups = {};
    V.nodes.forEach(function (item) {
      var a = item[0];
      if (!visible(a) || !positions["a" + a]) return;
      (groups[actors[a].k] = groups[actors[a].k] || []).push(a);
    });
    var scale = network.getScale(), drawn = [];
    Object.keys(groups).forEach(function (k) {
      var members = groups[k];
      if (members.length < 3 || +k >= palette.length) return;
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;  // the layout centres each cluster's box
      members.forEach(function (a) {
        var p = positions["a" + a];
        x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
      });
      var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      var r = 0;
      members.forEach(function (a) {
        var p = positions["a" + a];
        r = Math.max(r, Math.sqrt((p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy)));
      });
      r += 40;
      ctx.beginPath();
      ctx.arc(cx, cy, r, 0, 2 * Math.PI);
      ctx.fillStyle = hex(palette[+k], 0.07);
      ctx.fill();
      ctx.lineWidth = 1.5 / scale;
      ctx.strokeStyle = hex(palette[+k], 0.35);
      ctx.stroke();
      var head = members.reduce(function (x, y) { return (actors[y].m || 0) > (actors[x].m || 0) ? y : x; });
      var name = actors[head].l;  // a long name gives way to its shortest alias ("HMICFRS")
      if (name.length > 24 && actors[head].a) {
        actors[head].a.split(" | ").forEach(function (alias) { if (alias.length >= 3 && alias.length < name.length) name = alias; });
      }
      if (name.length > 30) name = name.slice(0, 29) + "\u2026";
      ctx.font = "600 " + (13 / scale) + "px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      if (members.length >= 5) haloLabels.push([members.length, name + " and " + (members.length - 1) + " more",
                                                 cx, cy - r - 18 / scale, hex(palette[+k], 0.95)]);
      drawn.push(+k);
    });
    haloLabels.sort(function (x, y) { return y[0] - x[0]; });
    view.halos = drawn;
  });
  var haloLabels = [];

  // --- labels: drawn by us, the most important first, never two overlapping -----------------
  var byImportance = V.nodes.map(function (item) { return item[0]; }).sort(function (a, b) {
    return (actors[b].m || 0) - (actors[a].m || 0) || (a - b);
  });
  var selected = null, hovered = null;
  view.labelled = [];
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale(), placed = [], size = 12 / scale, pad = 2 / scale;
    ctx.font = size + "px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    var priority = [];
    if (V.centre !== null && V.centre !== undefined) priority.push(V.centre);
    if (selected !== null) priority.push(selected);
    if (hovered !== null) priority.push(hovered);
    if (selected !== null) {
      network.getConnectedNodes("a" + selected).forEach(function (id) {
        if (id.charAt(0) === "a") priority.push(+id.slice(1));
      });
    }
    var order = priority.concat(byImportance), seen = {}, drawn = [];
    // the communities' names first (the largest first), in their colour, clear of each other
    ctx.font = "600 " + (13 / scale) + "px system-ui, sans-serif";
    haloLabels.forEach(function (h) {
      var w = ctx.measureText(h[1]).width, rect = [h[2] - w / 2 - pad, h[3] - pad, h[2] + w / 2 + pad, h[3] + 13 / scale + pad];
      for (var j = 0; j < placed.length; j++) {
        var q = placed[j];
        if (rect[0] < q[2] && rect[2] > q[0] && rect[1] < q[3] && rect[3] > q[1]) return;
      }
      placed.push(rect);
      ctx.lineWidth = 3 / scale; ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(h[1], h[2], h[3]);
      ctx.fillStyle = h[4];
      ctx.fillText(h[1], h[2], h[3]);
    });
    ctx.font = size + "px system-ui, sans-serif";
    // at most one label per 15,000 square pixels of the canvas: the picture stays a picture
    var cap = Math.max(12, Math.min(250, Math.floor(box.clientWidth * box.clientHeight / 15000)));
    var positions = network.getPositions();
    // edge labels of the selected node's relations
    if (selected !== null) {
      ctx.fillStyle = "#444";
      network.getConnectedEdges("a" + selected).forEach(function (id) {
        var e = edges.get(id);
        if (!e || e.hidden || e.kgEdge === undefined) return;
        var data = KG.edges[e.kgEdge], a = positions[e.from], b = positions[e.to];
        if (!a || !b) return;
        var text = data[2] || plural(data[4].length, "shared fact", "shared facts");
        ctx.lineWidth = 3 / scale; ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.font = (10 / scale) + "px system-ui, sans-serif";
        ctx.strokeText(text, (a.x + b.x) / 2, (a.y + b.y) / 2);
        ctx.fillText(text, (a.x + b.x) / 2, (a.y + b.y) / 2);
      });
      ctx.font = size + "px system-ui, sans-serif";
    }
    for (var i = 0; i < order.length && (drawn.length < cap || i < priority.length); i++) {
      var a = order[i];
      if (seen[a] || !visible(a)) continue;
      seen[a] = true;
      var p = positions["a" + a];
      if (!p) continue;
      var node = nodes.get("a" + a), text = actors[a].l;
      if (text.length > 34) text = text.slice(0, 33) + "\u2026";
      var w = ctx.measureText(text).width, r0 = node.size + pad, must = i < priority.length;
      // below, above, right, left of the node: the first place that clashes with no label drawn
      var places = [[p.x, p.y + r0, "center"], [p.x, p.y - r0 - size, "center"],
                    [p.x + r0 + w / 2, p.y - size / 2, "center"], [p.x - r0 - w / 2, p.y - size / 2, "center"]];
      var chosen = null;
      for (var k = 0; k < places.length && !chosen; k++) {
        var cx = places[k][0], top = places[k][1];
        var rect = [cx - w / 2 - pad, top - pad, cx + w / 2 + pad, top + size + pad], clash = false;
        for (var j = 0; j < placed.length && !must; j++) {
          var q = placed[j];
          if (rect[0] < q[2] && rect[2] > q[0] && rect[1] < q[3] && rect[3] > q[1]) { clash = true; break; }
        }
        if (!clash) chosen = [cx, top, rect];
      }
      if (!chosen) continue;
      placed.push(chosen[2]);
      drawn.push(a);
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(text, chosen[0], chosen[1]);
      ctx.fillStyle = (a === selected || a === V.centre) ? "#000" : "#1d2329";
      ctx.fillText(text, chosen[0], chosen[1]);
    }
    view.labelled = drawn;
    view.labelRects = placed;  // canvas coordinates, for the tests: no two overlap
  });

  // --- tooltip ---------------------------------------------------------------------------------
  var tip = el("div", "kg-tip");
  tip.id = "kg-tooltip";
  box.appendChild(tip);
  function counts(a) {
    var by = {};
    factsOf(a).forEach(function (f) { var c = classes[facts[f].c][0]; by[c] = (by[c] || 0) + 1; });
    return Object.keys(by).sort().map(function (c) { return by[c] + " " + c; }).join(", ");
  }
  function showTip(content, params) {
    tip.textContent = "";
    tip.appendChild(content);
    tip.style.left = (params.pointer.DOM.x + 14) + "px";
    tip.style.top = (params.pointer.DOM.y + 14) + "px";
    tip.style.display = "block";
  }
  function hideTip() { tip.style.display = "none"; }
  network.on("hoverNode", function (params) {
    var a = nodes.get(params.node).kgActor, n = actors[a], content = el("div");
    hovered = a;
    content.appendChild(el("b", null, n.l));
    content.appendChild(el("div", "kg-meta", classes[n.c][0] + " \u00b7 " + n.id));
    if (n.a) content.appendChild(el("div", "kg-meta", "Also: " + n.a));
    var c = counts(a);
    if (c) content.appendChild(el("div", null, c));
    content.appendChild(el("div", "kg-meta", "Click for details and evidence"));
    showTip(content, params);
    network.redraw();
  });
  network.on("hoverEdge", function (params) {
    var e = edges.get(params.edge), data = KG.edges[e.kgEdge], content = el("div");
    content.appendChild(el("b", null, actors[data[0]].l + " \u2014 " + (data[2] || "shares facts with") +
                                      " \u2192 " + actors[data[1]].l));
    if (data[4].length) content.appendChild(el("div", null, plural(data[4].length, "shared fact", "shared facts")));
    (data[5] || []).slice(0, 3).forEach(function (line) { content.appendChild(el("div", "kg-quote", line)); });
    showTip(content, params);
  });
  network.on("blurNode", function () { hovered = null; hideTip(); network.redraw(); });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // --- the side panel: what a node is, its relations and its folded facts, with evidence -------
  var detail = document.getElementById("kg-detail");
  function factItem(f) {
    var fact = facts[f], li = el("li");
    var link = el("a", null, fact.l);
    link.href = href(fact);
    li.appendChild(link);
    if (fact.e) li.appendChild(el("div", "kg-quote", fact.e));
    return li;
  }
  function showDetail(a) {
    var n = actors[a];
    detail.textContent = "";
    var title = el("h2"), link = el("a", null, n.l);
    link.href = href(n);
    link.id = "kg-detail-page";
    title.appendChild(link);
    detail.appendChild(title);
    detail.appendChild(el("div", "kg-meta", classes[n.c][0] + " \u00b7 " + n.id +
                                         " \u00b7 community " + (n.k + 1)));
    if (n.a) detail.appendChild(el("div", "kg-meta", "Also known as: " + n.a));
    var links = el("p", "kg-links"), page = el("a", null, "Open its page");
    page.href = href(n);
    links.appendChild(page);
    if (KG.egoViews && n.v && V.centre !== a) {
      links.appendChild(document.createTextNode(" \u00b7 "));
      var ego = el("a", null, "Its network");
      ego.href = n.v;
      links.appendChild(ego);
    }
    detail.appendChild(links);
    (n.e || []).length && detail.appendChild(el("h3", null, "Evidence"));
    var own = el("ul", "kg-evidence");
    (n.e || []).forEach(function (line) { own.appendChild(el("li", "kg-quote", line)); });
    detail.appendChild(own);
    var rel = [];
    network.getConnectedEdges("a" + a).forEach(function (id) {
      var e = edges.get(id);
      if (e && e.kgEdge !== undefined) rel.push(KG.edges[e.kgEdge]);
    });
    if (rel.length) {
      detail.appendChild(el("h3", null, "Relations (" + rel.length + ")"));
      var list = el("ul", "kg-relations");
      rel.forEach(function (data) {
        var other = data[0] === a ? data[1] : data[0], li = el("li");
        var text = data[2] ? (data[0] === a ? data[2] + " \u2192 " : "\u2190 " + data[2] + " ") :
                             plural(data[4].length, "shared fact", "shared facts") + " with ";
        li.appendChild(document.createTextNode(text));
        var go = el("a", null, actors[other].l);
        go.href = "#";
        go.addEventListener("click", function (event) { event.preventDefault(); view.select(actors[other].iri); });
        li.appendChild(go);
        (data[5] || []).slice(0, 2).forEach(function (line) { li.appendChild(el("div", "kg-quote", line)); });
        list.appendChild(li);
      });
      detail.appendChild(list);
    }
    var groups = {};
    factsOf(a).forEach(function (f) { var c = classes[facts[f].c][0]; (groups[c] = groups[c] || []).push(f); });
    Object.keys(groups).sort().forEach(function (c) {
      var d = el("details"), s = el("summary", null, c + " (" + groups[c].length + ")"), list = el("ol");
      groups[c].forEach(function (f) { list.appendChild(factItem(f)); });
      d.appendChild(s); d.appendChild(list);
      detail.appendChild(d);
    });
    detail.hidden = false;
  }
  function select(a, move) {
    selected = a;
    network.selectNodes(["a" + a]);
    if (move) network.focus("a" + a, {scale: Math.max(network.getScale(), 1.0), animation: false});
    showDetail(a);
    view.focused = actors[a].iri;
    network.redraw();
  }
  view.select = function (iri) {
    var a = indexOf[iri];
    if (a === undefined) return null;
    reveal(a);
    select(a, true);
    return iri;
  };
  network.on("click", function (params) {
    if (params.nodes.length === 1) {
      var n = nodes.get(params.nodes[0]);
      if (n.kgActor !== undefined) select(n.kgActor, false);
      else if (n.kgFact !== undefined) { window.location.href = href(facts[n.kgFact]); }
    } else if (!params.edges.length) {
      selected = null; view.focused = null; detail.hidden = true; network.redraw();
    }
  });
  network.on("doubleClick", function (params) {  // a double click opens the entity's page
    if (params.nodes.length !== 1) return;
    var n = nodes.get(params.nodes[0]);
    window.location.href = href(n.kgActor !== undefined ? actors[n.kgActor] : facts[n.kgFact]);
  });

  // --- search: labels, aliases, ids and the facts folded into each actor ----------------------
  var indexOf = {};
  actors.forEach(function (n, i) { indexOf[n.iri] = i; });
  var entries = [];
  V.nodes.forEach(function (item) {
    var a = item[0], n = actors[a];
    entries.push({a: a, text: n.l, keys: [n.l, n.id].concat(n.a ? n.a.split(" | ") : []).map(norm), kind: 0});
  });
  V.nodes.forEach(function (item) {
    factsOf(item[0]).forEach(function (f) {
      entries.push({a: item[0], text: facts[f].l, keys: [norm(facts[f].l)], kind: 1, fact: f});
    });
  });
  function find(query) {
    var q = norm(query);
    if (!q) return [];
    var exact = [], starts = [], contains = [];
    entries.forEach(function (entry) {
      var best = 3;
      entry.keys.forEach(function (k) {
        if (k === q) best = Math.min(best, 0);
        else if (k.indexOf(q) === 0) best = Math.min(best, 1);
        else if (k.indexOf(q) >= 0) best = Math.min(best, 2);
      });
      if (best < 3) [exact, starts, contains][best].push(entry);
    });
    function rank(list) {
      return list.sort(function (x, y) { return x.kind - y.kind || (actors[y.a].m || 0) - (actors[x.a].m || 0); });
    }
    return rank(exact).concat(rank(starts), rank(contains));
  }
  var input = document.getElementById("kg-search"), matches = document.getElementById("kg-matches"),
      status = document.getElementById("kg-status");
  function reveal(a) {  // a node found by search is shown even when its batch or class is not
    if (tiers[a] > shownTier) showTier(tiers[a]);
    if (hiddenClasses[actors[a].c]) toggleClass(actors[a].c);
  }
  view.focus = function (query) {
    var hits = find(query);
    if (!hits.length) {
      status.textContent = "Nothing here matches \u201c" + query + "\u201d.";
      view.focused = null;
      return null;
    }
    var hit = hits[0];
    reveal(hit.a);
    select(hit.a, true);
    status.textContent = hit.kind ? "\u201c" + hit.text + "\u201d, in " + actors[hit.a].l : actors[hit.a].l;
    return actors[hit.a].iri;
  };
  function listMatches() {
    matches.textContent = "";
    find(input.value).slice(0, 10).forEach(function (hit) {
      var li = el("li"), b = el("button", null, hit.text);
      b.type = "button";
      if (hit.kind) li.appendChild(el("span", "kg-meta", " in " + actors[hit.a].l));
      b.addEventListener("click", function () { reveal(hit.a); select(hit.a, true); status.textContent = actors[hit.a].l; });
      li.insertBefore(b, li.firstChild);
      matches.appendChild(li);
    });
  }
  input.addEventListener("input", listMatches);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); matches.textContent = ""; view.focus(input.value); }
  });

  // --- legend: click a class to hide or show it; colour by class or community -----------------
  function refresh() {
    nodes.update(V.nodes.map(function (item) { return actorNode(item[0]); }));
    edges.update(edgeList.map(function (e) {
      var data = KG.edges[e.kgEdge];
      return {id: e.id, hidden: !(visible(data[0]) && visible(data[1]))};
    }));
    if (unfolded) { fold(); unfold(); }
    var shown = V.nodes.filter(function (item) { return visible(item[0]); }).length;
    document.getElementById("kg-count").textContent = shown + " of " + V.nodes.length + " shown";
  }
  function toggleClass(c) {
    hiddenClasses[c] = !hiddenClasses[c];
    var li = document.querySelector('#kg-legend li[data-class="' + c + '"]');
    if (li) { li.classList.toggle("off", !!hiddenClasses[c]); li.setAttribute("aria-pressed", hiddenClasses[c] ? "false" : "true"); }
    refresh();
  }
  view.toggleClass = toggleClass;
  Array.prototype.forEach.call(document.querySelectorAll("#kg-legend li[data-class]"), function (li) {
    li.addEventListener("click", function () { toggleClass(+li.getAttribute("data-class")); });
  });
  var byCommunity = document.getElementById("kg-colour");
  if (byCommunity) byCommunity.addEventListener("change", function () {
    colourBy = byCommunity.checked ? "community" : "class";
    refresh();
  });

  // --- show more: the next batch of the ranked neighbours -------------------------------------
  var more = document.getElementById("kg-more");
  function showTier(t) {
    shownTier = Math.min(t, maxTier);
    refresh();
    updateMore();
  }
  function updateMore() {
    if (!more) return;
    var rest = V.nodes.filter(function (item) { return item[3] > shownTier; }).length;
    more.hidden = rest === 0;
    var next = V.nodes.filter(function (item) { return item[3] === shownTier + 1; }).length;
    more.textContent = "Show " + next + " more (" + rest + " not shown)";
  }
  if (more) more.addEventListener("click", function () { showTier(shownTier + 1); network.fit({animation: false}); });
  view.showMore = function () { showTier(shownTier + 1); };
  updateMore();

  // --- unfold: the facts as nodes around the actors they are folded into ----------------------
  var unfold_ = document.getElementById("kg-unfold");
  function unfold() {
    var added = [], links = [], count = 0, placed = {};
    V.nodes.forEach(function (item) {  // each fact once, next to the first of its actors drawn
      var a = item[0];
      if (!visible(a)) return;
      var list = factsOf(a).filter(function (f) {
        if (placed[f]) return false;
        placed[f] = true;
        return true;
      });
      list.forEach(function (f, i) {
        if (count >= KG.unfoldLimit) return;
        count++;
        // rings of at most 36 around the actor, so that a force with 200 facts stays a rosette
        var ring = Math.floor(i / 36), onRing = Math.min(36, list.length - ring * 36);
        var angle = 2 * Math.PI * (i % 36) / onRing + ring * 0.3, r = 40 + 16 * ring;
        added.push({id: "f" + f, x: position[a].x + r * Math.cos(angle), y: position[a].y + r * Math.sin(angle),
                    shape: classes[facts[f].c][2], size: 5, color: classes[facts[f].c][1], kgFact: f});
        facts[f].o.forEach(function (owner) {
          if (inView[owner] && visible(owner)) links.push({id: "l" + f + "-" + owner, from: "f" + f, to: "a" + owner,
                                                           color: {color: "#e1e5e9"}, width: 0.5});
        });
      });
    });
    nodes.add(added);
    edges.add(links);
    view.unfoldedFacts = added.length;
  }
  function fold() {
    nodes.remove(nodes.getIds({filter: function (n) { return n.kgFact !== undefined; }}));
    edges.remove(edges.getIds({filter: function (e) { return e.kgEdge === undefined; }}));
    view.unfoldedFacts = 0;
  }
  if (unfold_) unfold_.addEventListener("change", function () {
    unfolded = unfold_.checked;
    if (unfolded) unfold(); else fold();
  });

  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({animation: false}); });
  refresh();
  network.once("afterDrawing", function () {
    // zoomed out to fit, nodes would shrink to dots: grow them once so they stay visible
    var fit = network.getScale();
    if (fit < 0.9) {
      var grow = Math.min(3, 1 / Math.sqrt(fit));
      // but no wider than the room between neighbours (the layout spaces them about 90 apart)
      nodes.update(nodes.get().map(function (n) {
        return {id: n.id, size: Math.max(n.size, Math.min(n.size * grow, 38))};
      }));
      growth = grow;
    }
    view.ready = true;
    view.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
    if (V.centre !== null && V.centre !== undefined) showDetail(V.centre);
  });
  network.fit({animation: false});
})();
