// The query page of `policing-kg serve`: YASGUI's editor (Yasqe) and results viewer (Yasr), wired
// to this endpoint with the project's prefixes, completions from the graph, the catalogue of
// research questions with a field per parameter, shareable links, downloads, and three result
// views of our own (network, bar chart, timeline). Nothing here fetches from another host.
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("query-config").textContent);
  const Yasqe = window.Yasgui.Yasqe;
  const Yasr = window.Yasgui.Yasr;
  const endpoint = new URL(config.endpoint, window.location.href).href;
  const prefixes = config.prefixes; // name -> namespace, every one bound on the server already
  // Longest namespaces first, so that force: wins over id: for .../id/force/kent.
  const byLength = Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const catalogue = Object.fromEntries(config.catalogue.map((entry) => [entry.name, entry]));
  // The editor shows a catalogue query without its header comment: the page shows the title,
  // description and parameters above it.
  for (const entry of config.catalogue) entry.body = entry.text.replace(/^(#[^\n]*\n)+\s*/, "");

  // ------------------------------------------------------------------------------------------
  // Terms: what the page prints must be valid in a query (a prefixed name needing no escapes,
  // else the full <IRI>), and links go to the entity's page on this server.

  // PN_LOCAL without backslash escapes or percent codes: letters, digits, _ - and inner dots.
  const PLAIN_LOCAL = /^[A-Za-z0-9_\u00C0-\uFFFF]([A-Za-z0-9_\-.\u00B7\u00C0-\uFFFF]*[A-Za-z0-9_\-\u00B7\u00C0-\uFFFF])?$/;

  function shortForm(iri) {
    for (const [name, namespace] of byLength) {
      if (iri.startsWith(namespace)) {
        const local = iri.slice(namespace.length);
        if (local === "" || PLAIN_LOCAL.test(local)) return name + ":" + local;
      }
    }
    return "<" + iri + ">";
  }

  function pageOf(iri) {
    // An IRI of the data answers its page here (the server dereferences /id/...).
    if (iri.startsWith(config.base)) return config.entityPath + iri.slice(config.base.length);
    return iri;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  const XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer";
  const XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal";

  function termHtml(binding) {
    if (!binding) return "";
    if (binding.type === "uri") {
      const local = binding.value.startsWith(config.base);
      return `<a class="iri" href="${escapeHtml(pageOf(binding.value))}"${local ? "" : ' target="_blank" rel="noopener noreferrer"'}>${escapeHtml(shortForm(binding.value))}</a>`;
    }
    if (binding.type === "bnode") return escapeHtml("_:" + binding.value);
    // Integers and decimals as SPARQL writes them bare (2, 63.5); every other literal in full.
    if ((binding.datatype === XSD_INTEGER && /^[+-]?\d+$/.test(binding.value))
        || (binding.datatype === XSD_DECIMAL && /^[+-]?\d*\.\d+$/.test(binding.value))) {
      return `<span class="literal number">${escapeHtml(binding.value)}</span>`;
    }
    let text = escapeHtml(binding.value);
    if (binding["xml:lang"]) text = `"${text}"<sup>@${escapeHtml(binding["xml:lang"])}</sup>`;
    else if (binding.datatype && !binding.datatype.endsWith("#string")) text = `"${text}"<sup>^^${escapeHtml(shortForm(binding.datatype))}</sup>`;
    return `<span class="literal">${text}</span>`;
  }

  // Yasr's table prints an IRI with the first prefix that matches, escapes or not, and links to
  // the IRI itself; ours prints the pasteable form and links to the entity page.
  const Table = Yasr.plugins.table;
  Table.prototype.getUriLinkFromBinding = function (binding) { return termHtml(binding); };
  Table.prototype.getCellContent = function (binding) { return `<div>${termHtml(binding)}</div>`; };
  Table.defaults.openIriInNewWindow = false;

  // ------------------------------------------------------------------------------------------
  // Result views beyond the table.

  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = new Set(["integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger", "positiveInteger"].map((t) => XSD + t));
  const DATE_TEXT = /^(\d{4})(-(\d{2})(-(\d{2}))?)?/;
  // Grades read at a glance: the inspectorate's own order from outstanding to inadequate.
  const GRADE_COLOURS = [[/^outstanding/i, "#1a9850"], [/^good/i, "#91cf60"], [/^adequate/i, "#fee08b"],
    [/^requires improvement/i, "#fc8d59"], [/^inadequate/i, "#d73027"]];
  const LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
  const PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel";

  function bindingsOf(yasr) {
    const results = yasr.results;
    if (!results || results.getType() === "ask" || !results.getBindings()) return null;
    return { vars: results.getVariables(), rows: results.getBindings() };
  }

  function plainText(binding) {
    if (!binding) return "";
    return binding.type === "uri" ? shortForm(binding.value) : binding.value;
  }

  function dateOf(binding) {
    if (!binding || binding.type !== "literal") return null;
    const found = DATE_TEXT.exec(binding.value);
    if (!found) return null;
    const year = Number(found[1]), month = Number(found[3] || 1), day = Number(found[5] || 1);
    if (year < 1800 || year > 2200 || month < 1 || month > 12) return null;
    return Date.UTC(year, month - 1, day);
  }

  function isNumber(binding) {
    return binding && binding.type === "literal" && NUMERIC.has(binding.datatype) && !isNaN(Number(binding.value));
  }

  // A view's small control bar: a select per role, each offering the result's variables.
  function controls(yasr, roles, chosen, redraw) {
    const bar = document.createElement("div");
    bar.className = "view-controls";
    for (const [role, options] of Object.entries(roles)) {
      const label = document.createElement("label");
      label.textContent = role + " ";
      const select = document.createElement("select");
      select.name = role;
      for (const option of options) select.append(new Option(option, option, false, option === chosen[role]));
      select.addEventListener("change", () => { chosen[role] = select.value; redraw(); });
      label.append(select);
      bar.append(label);
    }
    return bar;
  }

  // The network: CONSTRUCT/DESCRIBE triples, or the IRIs of each SELECT row linked in column order.
  class NetworkView {
    constructor(yasr) { this.yasr = yasr; this.label = "Network"; this.priority = 5; }
    getIcon() { return icon("M4 4h4v4H4zM16 4h4v4h-4zM10 16h4v4h-4zM8 6h8M6 8l5 8M18 8l-5 8"); }
    canHandleResults() {
      const data = bindingsOf(this.yasr);
      if (!data || data.rows.length === 0) return false;
      const iriColumns = data.vars.filter((v) => data.rows.some((r) => r[v] && r[v].type === "uri"));
      return iriColumns.length >= 2;
    }
    graph() {
      const data = bindingsOf(this.yasr);
      const nodes = new Map(), edges = [], labels = new Map();
      const node = (binding) => {
        const id = binding.value;
        if (!nodes.has(id)) nodes.set(id, { id, label: shortForm(id), title: binding.value });
        return id;
      };
      const triples = ["subject", "predicate", "object"].every((v) => data.vars.includes(v));
      if (triples) {
        for (const row of data.rows) {
          const { subject, predicate, object } = row;
          if ((predicate.value === LABEL || predicate.value === PREF_LABEL) && object.type === "literal") {
            labels.set(subject.value, object.value);
            node(subject);
          } else if (object.type === "literal") {
            node(subject);
          } else {
            edges.push({ from: node(subject), to: node(object), label: shortForm(predicate.value), arrows: "to" });
          }
        }
      } else {
        const iris = data.vars.filter((v) => data.rows.some((r) => r[v] && r[v].type === "uri"));
        for (const row of data.rows) {
          const present = iris.filter((v) => row[v] && row[v].type === "uri");
          for (let i = 0; i + 1 < present.length; i++) {
            edges.push({ from: node(row[present[i]]), to: node(row[present[i + 1]]), label: present[i + 1], arrows: "to" });
          }
          for (const v of data.vars) {
            const value = row[v];
            if (value && value.type === "literal" && /label$/i.test(v)) {
              const subjectVar = v.replace(/Label$/, "");
              if (row[subjectVar] && row[subjectVar].type === "uri") labels.set(row[subjectVar].value, value.value);
            }
          }
        }
      }
      for (const [id, text] of labels) if (nodes.has(id)) nodes.get(id).label = text;
      const seen = new Set();
      const unique = edges.filter((e) => { const key = e.from + " " + e.label + " " + e.to; if (seen.has(key)) return false; seen.add(key); return true; });
      return { nodes: [...nodes.values()], edges: unique };
    }
    async draw() {
      await loadScript(config.assets.visNetwork);
      const { nodes, edges } = this.graph();
      // One relation throughout: say it once, rather than on every edge.
      const relations = new Set(edges.map((e) => e.label));
      if (relations.size === 1) for (const edge of edges) { edge.title = edge.label; delete edge.label; }
      const box = document.createElement("div");
      box.className = "network-view";
      const note = document.createElement("p");
      note.className = "view-note";
      note.textContent = `${nodes.length} nodes, ${edges.length} edges` + (relations.size === 1 ? ` (each ${[...relations][0]})` : "")
        + ". Double-click a node to open its page.";
      this.yasr.resultsEl.append(note, box);
      const large = nodes.length > 300;
      const network = new window.vis.Network(box, { nodes: new window.vis.DataSet(nodes), edges: new window.vis.DataSet(edges) }, {
        nodes: { shape: "dot", size: 10, font: { size: 13 }, color: { background: "#7aa6d8", border: "#2f5f98" } },
        edges: { font: { size: 10, align: "middle", color: "#555" }, color: "#999", smooth: false },
        physics: large ? false : { stabilization: { iterations: 200 }, barnesHut: { springLength: 140 } },
        layout: { randomSeed: 1, improvedLayout: !large },
        interaction: { hover: true, tooltipDelay: 150 },
      });
      network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
      network.on("doubleClick", (params) => {
        if (params.nodes.length) window.location.href = pageOf(params.nodes[0]);
      });
      this.network = network;
      box.dataset.ready = "true";
    }
    destroy() { if (this.network) this.network.destroy(); this.network = null; }
  }

  // A bar chart: one bar per row, its length a numeric column, its label another column.
  // Drawn as SVG here: the views bundle no charting library, and a list of bars needs none.
  class ChartView {
    constructor(yasr) { this.yasr = yasr; this.label = "Chart"; this.priority = 4; this.chosen = {}; }
    getIcon() { return icon("M4 20V10M10 20V4M16 20v-7M22 20H2"); }
    canHandleResults() {
      const data = bindingsOf(this.yasr);
      return !!data && data.rows.length > 0 && data.vars.some((v) => data.rows.some((r) => isNumber(r[v])));
    }
    draw() {
      const data = bindingsOf(this.yasr);
      const numeric = data.vars.filter((v) => data.rows.some((r) => isNumber(r[v])));
      const others = data.vars.filter((v) => !numeric.includes(v));
      const chosen = this.chosen;
      if (!numeric.includes(chosen.value)) chosen.value = numeric[numeric.length - 1];
      const labelOptions = others.length ? others : data.vars;
      if (!labelOptions.includes(chosen.label)) {
        chosen.label = labelOptions.find((v) => /label|title|name/i.test(v)) || labelOptions[0];
      }
      const redraw = () => { this.yasr.resultsEl.replaceChildren(); this.draw(); };
      this.yasr.resultsEl.append(controls(this.yasr, { value: numeric, label: labelOptions }, chosen, redraw));
      const rows = data.rows.slice(0, 200);
      const values = rows.map((r) => (isNumber(r[chosen.value]) ? Number(r[chosen.value].value) : 0));
      const max = Math.max(1, ...values);
      const rowHeight = 22, labelWidth = 320, barWidth = 520;
      const svg = [`<svg class="chart-view" xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 80}" height="${rows.length * rowHeight + 10}" role="img">`];
      rows.forEach((row, i) => {
        const y = i * rowHeight + 5;
        const width = Math.max(1, (values[i] / max) * barWidth);
        let text = plainText(row[chosen.label]);
        if (text.length > 48) text = text.slice(0, 47) + "…";
        svg.push(`<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(text)}</text>`,
          `<rect x="${labelWidth}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 6}" fill="#4f7fb8"><title>${escapeHtml(text)}: ${values[i]}</title></rect>`,
          `<text x="${labelWidth + width + 6}" y="${y + 15}">${values[i]}</text>`);
      });
      svg.push("</svg>");
      const box = document.createElement("div");
      box.className = "chart-box";
      box.innerHTML = svg.join("");
      if (data.rows.length > rows.length) {
        const note = document.createElement("p");
        note.className = "view-note";
        note.textContent = `The first ${rows.length} of ${data.rows.length} rows.`;
        this.yasr.resultsEl.append(note);
      }
      this.yasr.resultsEl.append(box);
    }
  }

  // A timeline: a dot per row at its date, in one lane per value of a chosen column.
  class TimelineView {
    constructor(yasr) { this.yasr = yasr; this.label = "Timeline"; this.priority = 3; this.chosen = {}; }
    getIcon() { return icon("M2 12h20M6 8v8M12 6v12M18 9v6"); }
    dateColumns(data) { return data.vars.filter((v) => data.rows.some((r) => dateOf(r[v]) !== null)); }
    canHandleResults() {
      const data = bindingsOf(this.yasr);
      return !!data && data.rows.length > 0 && this.dateColumns(data).length > 0;
    }
    draw() {
      const data = bindingsOf(this.yasr);
      const dates = this.dateColumns(data);
      const others = data.vars.filter((v) => !dates.includes(v));
      const distinct = (v) => new Set(data.rows.map((r) => plainText(r[v]))).size;
      const chosen = this.chosen;
      if (!dates.includes(chosen.date)) chosen.date = dates[0];
      const literalColumns = others.filter((v) => data.rows.some((r) => r[v] && r[v].type === "literal"));
      const candidates = literalColumns.length ? literalColumns : others;
      if (!candidates.includes(chosen.lane)) {
        // The lane: a column with a few values (an assessed area, a kind), else the first.
        chosen.lane = candidates.filter((v) => distinct(v) > 1 && distinct(v) <= 25).sort((a, b) => distinct(b) - distinct(a))[0] || candidates[0] || dates[0];
      }
      if (!candidates.includes(chosen.mark)) {
        // The mark (a dot's colour): a grade if there is one, else the column with fewest values.
        const rest = candidates.filter((v) => v !== chosen.lane);
        chosen.mark = rest.find((v) => /grade/i.test(v)) || rest.sort((a, b) => distinct(a) - distinct(b))[0] || chosen.lane;
      }
      const redraw = () => { this.yasr.resultsEl.replaceChildren(); this.draw(); };
      this.yasr.resultsEl.append(controls(this.yasr, { date: dates, lane: candidates, mark: candidates }, chosen, redraw));
      const points = data.rows.map((r) => ({ row: r, at: dateOf(r[chosen.date]) })).filter((p) => p.at !== null);
      const lanes = [...new Set(points.map((p) => plainText(p.row[chosen.lane])))].sort();
      // Grades in the inspectorate's order (outstanding first), anything else alphabetically.
      const gradeOrder = (mark) => { const i = GRADE_COLOURS.findIndex(([pattern]) => pattern.test(mark)); return i < 0 ? 99 : i; };
      const marks = [...new Set(points.map((p) => plainText(p.row[chosen.mark])))]
        .sort((a, b) => gradeOrder(a) - gradeOrder(b) || (a < b ? -1 : a > b ? 1 : 0));
      const palette = ["#1b7837", "#5aae61", "#e08214", "#b2182b", "#2166ac", "#762a83", "#8c510a", "#01665e", "#c51b7d", "#4d4d4d"];
      const colour = (mark) => GRADE_COLOURS.find(([pattern]) => pattern.test(mark))?.[1] || palette[marks.indexOf(mark) % palette.length];
      const min = Math.min(...points.map((p) => p.at)), max = Math.max(...points.map((p) => p.at));
      const firstYear = new Date(min).getUTCFullYear(), lastYear = new Date(max).getUTCFullYear() + 1;
      const start = Date.UTC(firstYear, 0, 1), end = Date.UTC(lastYear, 0, 1);
      const laneHeight = 28, left = 280, width = 640, top = 24;
      const x = (t) => left + ((t - start) / (end - start)) * width;
      const height = top + lanes.length * laneHeight + 20;
      const svg = [`<svg class="timeline-view" xmlns="http://www.w3.org/2000/svg" width="${left + width + 20}" height="${height}" role="img">`];
      for (let year = firstYear; year <= lastYear; year++) {
        const at = x(Date.UTC(year, 0, 1));
        svg.push(`<line x1="${at}" y1="${top - 6}" x2="${at}" y2="${height - 16}" stroke="#ddd"/>`,
          `<text x="${at}" y="${top - 10}" text-anchor="middle" class="axis">${year}</text>`);
      }
      lanes.forEach((lane, i) => {
        const y = top + i * laneHeight + laneHeight / 2;
        const text = lane.length > 42 ? lane.slice(0, 41) + "…" : lane;
        svg.push(`<text x="${left - 10}" y="${y + 4}" text-anchor="end">${escapeHtml(text)}</text>`,
          `<line x1="${left}" y1="${y}" x2="${left + width}" y2="${y}" stroke="#eee"/>`);
      });
      for (const p of points) {
        const lane = lanes.indexOf(plainText(p.row[chosen.lane]));
        const mark = plainText(p.row[chosen.mark]);
        const title = data.vars.map((v) => `${v}: ${plainText(p.row[v])}`).join("\n");
        svg.push(`<circle cx="${x(p.at).toFixed(1)}" cy="${top + lane * laneHeight + laneHeight / 2}" r="6" fill="${colour(mark)}" stroke="#fff"><title>${escapeHtml(title)}</title></circle>`);
      }
      svg.push("</svg>");
      const legend = document.createElement("p");
      legend.className = "view-legend";
      legend.innerHTML = marks.slice(0, 20).map((m) => `<span><i style="background:${colour(m)}"></i>${escapeHtml(m)}</span>`).join(" ");
      const box = document.createElement("div");
      box.className = "timeline-box";
      box.innerHTML = svg.join("");
      this.yasr.resultsEl.append(legend, box);
    }
  }

  function icon(path) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
    p.setAttribute("d", path);
    p.setAttribute("fill", "none");
    p.setAttribute("stroke", "currentColor");
    p.setAttribute("stroke-width", "2");
    svg.append(p);
    return svg;
  }

  const loaded = {};
  function loadScript(src) {
    if (!loaded[src]) {
      loaded[src] = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = () => reject(new Error("could not load " + src));
        document.head.append(script);
      });
    }
    return loaded[src];
  }

  Yasr.registerPlugin("network", NetworkView);
  Yasr.registerPlugin("chart", ChartView);
  Yasr.registerPlugin("timeline", TimelineView);

  // ------------------------------------------------------------------------------------------
  // Completion from the graph: prefixes, the classes and properties it uses, entity names.

  Yasqe.forkAutocompleter("prefixes", { name: "kg-prefixes", persistenceId: null,
    get: () => Object.entries(prefixes).map(([p, ns]) => `${p}: <${ns}>`).sort() }, false);
  Yasqe.forkAutocompleter("class", { name: "kg-classes", bulk: true, persistenceId: null, get: () => config.classes }, false);
  Yasqe.forkAutocompleter("property", { name: "kg-properties", bulk: true, persistenceId: null, get: () => config.properties }, false);
  // Entities: looked up by IRI or name on the server as the user types a prefixed name.
  const entityLabels = new Map();
  Yasqe.forkAutocompleter("class", {
    name: "kg-entities",
    bulk: false,
    autoShow: true,
    persistenceId: null,
    isValidCompletionPosition: (yasqe) => {
      const token = yasqe.getCompleteToken();
      if (!token.string || token.string[0] === "?" || token.string[0] === "$" || token.string[0] === "<") return false;
      if (token.state.possibleCurrent.indexOf("a") >= 0 && !token.state.possibleCurrent.includes("VAR1")) return false;
      const colon = token.string.indexOf(":");
      return colon > 0 && token.string.length > colon + 1 && config.entityPrefixes.includes(token.string.slice(0, colon));
    },
    get: (yasqe, token) => suggestEntities(token.string).then((found) => found.map((e) => { entityLabels.set(e.iri, e.label); return e.iri; })),
    postprocessHints: (yasqe, hints) => hints.map((hint) => {
      const iri = hint.text.startsWith("<") ? hint.text.slice(1, -1) : null;
      const term = iri ? shortForm(iri) : hint.text;
      const label = entityLabels.get(iri || hint.text);
      const shown = label && label.length > 70 ? label.slice(0, 69) + "…" : label;
      return { ...hint, text: term, displayText: label ? `${term}  ${shown}` : term };
    }),
    postProcessSuggestion: (yasqe, token, suggested) => "<" + suggested + ">",
  }, false);

  function suggestEntities(text) {
    const url = new URL(config.entitySearch, window.location.href);
    url.searchParams.set("q", text);
    return fetch(url).then((r) => (r.ok ? r.json() : [])).catch(() => []);
  }

  // ------------------------------------------------------------------------------------------
  // The editor and the results.

  // Yasqe's tokenizer flags a prefix the query does not declare; ours are declared by the server,
  // so every parse starts with them known.
  const sparqlMode = Yasqe.modes.sparql11;
  Yasqe.defineMode("sparql11", function (...args) {
    const mode = sparqlMode.apply(this, args);
    const startState = mode.startState;
    mode.startState = function (...stateArgs) {
      const state = startState.apply(this, stateArgs);
      state.prefixes = { ...prefixes };
      return state;
    };
    return mode;
  });

  const editorEl = document.getElementById("editor");
  const yasqe = new Yasqe(editorEl, {
    value: config.initialQuery,
    persistenceId: null, // the query lives in the URL, not in local storage
    autocompleters: ["variables", "kg-prefixes", "kg-classes", "kg-properties", "kg-entities"],
    showQueryButton: false, // the page's Run button sends the parameters too
    resizeable: true,
    editorHeight: "220px",
    createShareableLink: null,
    consumeShareLink: null,
    requestConfig: { endpoint: endpoint, method: "POST" },
  });
  // The server binds the project's prefixes; tell the editor so completion and folding know them.
  const declared = yasqe.getPrefixesFromQuery.bind(yasqe);
  yasqe.getPrefixesFromQuery = () => ({ ...prefixes, ...declared() });

  const yasr = new Yasr(document.getElementById("results"), {
    persistenceId: null,
    prefixes: prefixes,
    pluginOrder: ["table", "network", "chart", "timeline", "response"],
    defaultPlugin: "table",
  });

  const fieldsEl = document.getElementById("parameters");
  const statusEl = document.getElementById("status");
  const menu = document.getElementById("catalogue");
  const downloads = document.getElementById("downloads");
  let current = null; // the chosen catalogue entry, if any

  for (const entry of config.catalogue) menu.append(new Option(entry.title, entry.name));

  function showEntry(entry, values) {
    current = entry;
    fieldsEl.replaceChildren();
    document.getElementById("question-description").textContent = entry ? entry.description : "";
    if (!entry) return;
    for (const parameter of entry.parameters) {
      const row = document.createElement("label");
      row.className = "parameter";
      const name = document.createElement("code");
      name.textContent = "?" + parameter.name;
      const input = document.createElement("input");
      input.name = parameter.name;
      // An optional parameter starts empty (unbound: every value); its example shows as a placeholder.
      input.value = values && parameter.name in values ? values[parameter.name]
        : parameter.optional ? "" : parameter.default;
      input.placeholder = parameter.optional ? "any, e.g. " + parameter.default : parameter.default;
      input.dataset.optional = parameter.optional ? "true" : "false";
      input.setAttribute("list", "entities-" + parameter.name);
      input.autocomplete = "off";
      const list = document.createElement("datalist");
      list.id = "entities-" + parameter.name;
      input.addEventListener("input", () => {
        checkField(input);
        const asked = input.value;
        if (asked.length >= 2 && !asked.startsWith('"')) {
          suggestEntities(asked).then((found) => {
            // An answer to an earlier keystroke may come last: keep only the current one's.
            if (input.value !== asked) return;
            list.replaceChildren(...found.map((e) => new Option(e.label, shortForm(e.iri))));
          });
        }
      });
      const help = document.createElement("span");
      help.className = "help";
      help.textContent = parameter.description;
      row.append(name, input, list, help);
      fieldsEl.append(row);
      checkField(input);
    }
  }

  // A parameter's value as a SPARQL term: <IRI>, a prefixed name with a known prefix, "text"
  // (@lang), or a number. Anything else is refused here rather than silently matching nothing.
  function termOf(text) {
    text = text.trim();
    if (/^<[^<>"{}|^`\\\s]*>$/.test(text)) return text;
    if (/^"([^"\\\n]|\\.)*"(@[A-Za-z]+(-[A-Za-z0-9]+)*)?$/.test(text)) return text;
    if (/^[+-]?\d+(\.\d+)?$/.test(text)) return text;
    const found = /^([A-Za-z][\w.-]*)?:(.*)$/.exec(text);
    if (found && (found[1] || "") in prefixes && (found[2] === "" || PLAIN_LOCAL.test(found[2]))) return text;
    return null;
  }

  function checkField(input) {
    const ok = termOf(input.value) !== null || (input.dataset.optional === "true" && input.value.trim() === "");
    input.classList.toggle("invalid", !ok);
    input.title = ok ? "" : 'Give an IRI as <...> or prefix:name (e.g. force:kent), or text in "quotes"';
    return ok;
  }

  function parameterValues() {
    const values = {};
    for (const input of fieldsEl.querySelectorAll("input")) values[input.name] = input.value;
    return values;
  }

  // The request: the editor's text, and each parameter as `$name=term`, which the endpoint binds
  // as a variable (the convention of RDF4J's protocol), so the text stays the catalogue's own.
  function request() {
    const form = new URLSearchParams({ query: yasqe.getValue() });
    if (current) {
      for (const input of fieldsEl.querySelectorAll("input")) {
        if (input.dataset.optional === "true" && input.value.trim() === "") continue; // unbound
        if (termOf(input.value) === null) throw new Error(`?${input.name}: not a term: ${input.value}`);
        form.set("$" + input.name, input.value.trim());
      }
    }
    return form;
  }

  async function run() {
    let form;
    try {
      form = request();
    } catch (error) {
      setStatus(error.message, true);
      return;
    }
    setStatus("Running…", false);
    updateLink();
    const started = performance.now();
    let response;
    try {
      response = await fetch(endpoint, { method: "POST", body: form, headers: {
        Accept: "application/sparql-results+json, text/turtle;q=0.9" } });
    } catch (error) {
      setStatus("The endpoint did not answer: " + error.message, true);
      return;
    }
    const content = await response.text();
    const duration = Math.round(performance.now() - started);
    yasr.setResponse(response.ok ? { ok: true, status: response.status, statusText: response.statusText,
      headers: response.headers, type: response.type, content } : new Error(content), duration);
    if (!response.ok) {
      setStatus(content.replace(/^Error \d+: /, "").trim(), true);
      downloads.hidden = true;
      return;
    }
    const results = yasr.results;
    let summary;
    if (results.getType() === "ask") summary = "Answer: " + (results.getBoolean() ? "yes" : "no");
    else {
      const n = results.getBindings().length;
      summary = results.getVariables().includes("subject") && /turtle/.test(response.headers.get("Content-Type") || "")
        ? `${n} triple${n === 1 ? "" : "s"}` : `${n} row${n === 1 ? "" : "s"}`;
    }
    setStatus(`${summary} in ${duration} ms`, false);
    showDownloads(form, /turtle/.test(response.headers.get("Content-Type") || ""));
  }

  function setStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.className = isError ? "error" : "ok";
  }

  function showDownloads(form, isGraph) {
    const formats = isGraph ? [["Turtle", "ttl", "ttl"], ["JSON-LD", "jsonld", "jsonld"], ["N-Triples", "nt", "nt"]]
      : [["CSV", "csv", "csv"], ["JSON", "json", "json"], ["TSV", "tsv", "tsv"]];
    downloads.replaceChildren(document.createTextNode("Download: "));
    for (const [label, format, suffix] of formats) {
      const url = new URL(endpoint);
      for (const [k, v] of form) url.searchParams.set(k, v);
      url.searchParams.set("format", format);
      const link = document.createElement("a");
      link.href = url.href;
      link.download = `${current ? current.name : "results"}.${suffix}`;
      link.textContent = label;
      link.className = "download download-" + format;
      downloads.append(link, document.createTextNode(" "));
    }
    downloads.hidden = false;
  }

  // Yasqe's own run button and Ctrl-Enter go through our `run` (to add parameters).
  yasqe.query = () => { run(); return Promise.resolve(); };
  document.getElementById("run").addEventListener("click", run);

  // ------------------------------------------------------------------------------------------
  // Shareable links: the query (or catalogue entry), its parameters and the view, in the URL.

  function updateLink() {
    const params = new URLSearchParams();
    if (current && yasqe.getValue() === current.body) params.set("name", current.name);
    else params.set("query", yasqe.getValue());
    if (current) for (const [k, v] of Object.entries(parameterValues())) params.set("param." + k, v);
    const view = yasr.getSelectedPluginName();
    if (view && view !== "table") params.set("view", view);
    history.replaceState(null, "", "#" + params.toString());
    document.getElementById("share").href = window.location.href;
  }

  function restoreFromLink() {
    const params = new URLSearchParams(window.location.hash.slice(1));
    const values = {};
    for (const [k, v] of params) if (k.startsWith("param.")) values[k.slice(6)] = v;
    const name = params.get("name") || params.get("entry");
    const entry = name && catalogue[name] ? catalogue[name] : null;
    if (entry) {
      menu.value = entry.name;
      showEntry(entry, values);
    }
    if (params.has("query")) yasqe.setValue(params.get("query"));
    else if (entry) yasqe.setValue(entry.body);
    if (params.get("view")) yasr.selectPlugin(params.get("view"));
    return params.has("query") || !!entry;
  }

  menu.addEventListener("change", () => {
    const entry = catalogue[menu.value] || null;
    showEntry(entry);
    if (entry) yasqe.setValue(entry.body);
    updateLink();
  });
  yasr.on("change", updateLink);
  document.getElementById("share").addEventListener("click", (event) => {
    event.preventDefault();
    updateLink();
    const done = () => setStatus("Link copied: " + window.location.href, false);
    if (navigator.clipboard) navigator.clipboard.writeText(window.location.href).then(done, done);
    else done();
  });

  if (restoreFromLink()) run();
  window.queryPage = { yasqe, yasr, run, ready: true };
  document.body.dataset.ready = "true";
})();
