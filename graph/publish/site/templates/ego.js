// The small ego view of an entity page, drawn with vis-network (assets/vis-network.min.js).
(function () {
  "use strict";
  var box = document.getElementById("ego"), data = document.getElementById("ego-data");
  if (!box || !data || !window.vis) return;
  var graph = JSON.parse(data.textContent);
  function tip(lines) {  // tooltips are elements filled with textContent, never HTML
    var div = document.createElement("div");
    lines.forEach(function (line, i) {
      var row = document.createElement(i ? "div" : "strong");
      row.textContent = line;
      div.appendChild(row);
    });
    return div;
  }
  var nodes = new vis.DataSet(graph.nodes.map(function (n) {
    return {id: n.id, label: n.label, color: n.color, shape: n.shape, size: n.centre ? 22 : 12,
            font: {size: n.centre ? 15 : 12, face: "sans-serif"}, borderWidth: n.centre ? 3 : 1,
            title: tip([n.full, n.cls]), href: n.href};
  }));
  var edges = new vis.DataSet(graph.edges.map(function (e, i) {
    return {id: i, from: e.from, to: e.to, label: e.label, title: tip([e.label])};
  }));
  var network = new vis.Network(box, {nodes: nodes, edges: edges}, {
    layout: {randomSeed: 7, improvedLayout: false},
    edges: {arrows: {to: {enabled: true, scaleFactor: 0.5}}, smooth: false, color: {color: "#9aa4ad", highlight: "#333"},
            font: {size: 9, color: "#555", strokeWidth: 2, align: "middle"}},
    physics: {solver: "barnesHut", barnesHut: {gravitationalConstant: -3000, springLength: 120, avoidOverlap: 0.2},
              stabilization: {enabled: true, iterations: 150, fit: true}},
    interaction: {hover: true, tooltipDelay: 100}
  });
  function ready() {
    network.setOptions({physics: {enabled: false}});
    box.setAttribute("data-ready", "true");
  }
  network.once("stabilizationIterationsDone", ready);
  if (network.physics && network.physics.stabilized) ready();
  network.on("click", function (params) {
    if (params.nodes.length !== 1) return;
    var n = nodes.get(params.nodes[0]);
    if (n && n.href) window.location.href = n.href;
  });
  window.kgEgo = network;
})();
