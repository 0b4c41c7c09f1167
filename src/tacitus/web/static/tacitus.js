/* Tacitus dashboard: every page fetches the JSON API and draws with plotly.js (served from the plotly pip
   package) or plain SVG. Article text only ever reaches the page through textContent, never as HTML. */
(function () {
  "use strict";

  const FILTER_KEYS = ["start", "end", "actor", "source", "target", "country", "sector", "root", "code",
    "quad_class", "modality", "claimed_by", "doc_id", "text"];
  const QUADS = [
    { key: "q1", name: "verbal cooperation", color: "#7fb3e0", sign: 1 },
    { key: "q2", name: "material cooperation", color: "#1f6fb4", sign: 1 },
    { key: "q3", name: "verbal conflict", color: "#f2a65a", sign: -1 },
    { key: "q4", name: "material conflict", color: "#c4302b", sign: -1 },
  ];
  const PLOT_CONFIG = { responsive: true, displaylogo: false };

  // -- helpers -------------------------------------------------------------------------------------------
  function query() { return new URLSearchParams(window.location.search); }

  function filterParams(extra) {
    const out = new URLSearchParams();
    for (const [key, value] of query()) {
      if (FILTER_KEYS.includes(key) && value.trim() !== "") out.append(key, value.trim());
    }
    for (const [key, value] of Object.entries(extra || {})) {
      if (value !== undefined && value !== null && String(value) !== "") out.set(key, String(value));
    }
    return out;
  }

  async function getJSON(path, params) {
    const url = params ? path + "?" + params.toString() : path;
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    return checked(response);
  }

  async function checked(response) {
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      let detail = body && body.detail !== undefined ? body.detail : response.statusText;
      if (Array.isArray(detail)) detail = detail.map((d) => (d.loc || []).join(".") + ": " + d.msg).join("; ");
      const error = new Error(String(detail));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Plotly reads a few HTML-like tags in labels; entities make article text show as plain text.
  function esc(value) {
    return String(value === undefined || value === null ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function fmt(value, digits) {
    if (value === undefined || value === null || Number.isNaN(value)) return "";
    return (value > 0 ? "+" : "") + Number(value).toFixed(digits === undefined ? 1 : digits);
  }

  function goldsteinColor(g) {
    if (g === null || g === undefined) return "#999999";
    const t = Math.max(-1, Math.min(1, g / 10));
    const grey = [190, 190, 190];
    const end = t < 0 ? [196, 48, 43] : [31, 111, 180];
    const a = Math.abs(t);
    const rgb = grey.map((c, i) => Math.round(c + (end[i] - c) * a));
    return "rgb(" + rgb.join(",") + ")";
  }
  const GOLDSTEIN_SCALE = [[0, "rgb(196,48,43)"], [0.5, "rgb(190,190,190)"], [1, "rgb(31,111,180)"]];

  function showError(error) {
    const box = document.getElementById("error");
    if (box) {
      box.hidden = false;
      box.textContent = "Could not load: " + (error && error.message ? error.message : String(error));
    }
  }

  function fillForm(form) {
    if (!form) return;
    for (const [key, value] of query()) {
      const field = form.elements.namedItem(key);
      if (field && "value" in field) field.value = value;
    }
  }

  async function fillActors() {
    const list = document.getElementById("actor-list");
    if (!list) return;
    const data = await getJSON("/api/actors", new URLSearchParams({ limit: "300" }));
    for (const actor of data.actors) {
      list.append(el("option", { value: actor.code, label: (actor.name || "") + " (" + actor.events + ")" }));
    }
  }

  function highlight(sentence, marks) {
    const fragment = document.createDocumentFragment();
    const text = sentence || "";
    const lower = text.toLowerCase();
    const spans = [];
    for (const [needle, kind] of marks) {
      if (!needle) continue;
      const start = lower.indexOf(needle.toLowerCase());
      if (start < 0) continue;
      const end = start + needle.length;
      if (spans.some(([b, e]) => start < e && end > b)) continue;
      spans.push([start, end, kind]);
    }
    spans.sort((x, y) => x[0] - y[0]);
    let position = 0;
    for (const [start, end, kind] of spans) {
      if (start > position) fragment.append(document.createTextNode(text.slice(position, start)));
      fragment.append(el("mark", { class: kind, text: text.slice(start, end) }));
      position = end;
    }
    if (position < text.length) fragment.append(document.createTextNode(text.slice(position)));
    return fragment;
  }

  function actorCell(code, text, name) {
    return el("td", {}, el("code", { text: code || "---" }), " ",
      el("span", { class: "muted", text: text || name || "" }));
  }

  function eventRow(e, withDocLink) {
    const sentence = el("td", { class: "sentence" },
      highlight(e.sentence, [[e.source_text, "source"], [e.target_text, "target"]]));
    if (withDocLink) {
      sentence.append(" ", el("a", {
        class: "doc-link", href: "/documents/" + encodeURIComponent(e.doc_id) + "#s" + e.sentence_index,
        title: "open the document", text: "[" + e.doc_id + "]",
      }));
    }
    const claimant = e.claimed_by_text || e.claimed_by_code || "";
    return el("tr", { class: "event-row q" + (e.quad_class || 0) },
      el("td", { class: "nowrap", text: e.date || "" }),
      actorCell(e.source_code, e.source_text, e.source_name),
      el("td", {}, el("code", { text: e.code }), " ", el("span", { text: e.code_name || "" }),
        el("div", { class: "muted", text: "Goldstein " + fmt(e.goldstein) + " · " + (e.quad_name || "") })),
      actorCell(e.target_code, e.target_text, e.target_name),
      el("td", {}, el("span", { class: "badge " + (e.modality || ""), text: e.modality || "" })),
      el("td", { text: claimant }),
      sentence);
  }

  function fillEvents(tbody, events, withDocLink) {
    tbody.replaceChildren(...events.map((e) => eventRow(e, withDocLink)));
    if (!events.length) tbody.append(el("tr", {}, el("td", { colspan: "7", class: "muted", text: "No events." })));
  }

  function quadTraces(series, opts) {
    const x = series.map((r) => r.period);
    const traces = QUADS.map((q) => ({
      type: "bar", name: q.name, x, y: series.map((r) => q.sign * r[q.key]),
      marker: { color: q.color }, customdata: series.map((r) => r[q.key]),
      hovertemplate: "%{x}<br>" + q.name + ": %{customdata}<extra></extra>",
    }));
    if (!opts || opts.goldstein !== false) {
      traces.push({
        type: "scatter", mode: "lines+markers", name: "mean Goldstein", x, y: series.map((r) => r.goldstein),
        yaxis: "y2", line: { color: "#333", width: 2 }, marker: { size: 5 },
        hovertemplate: "%{x}<br>mean Goldstein %{y:.2f}<extra></extra>",
      });
    }
    return traces;
  }

  function quadLayout(extra) {
    return Object.assign({
      barmode: "relative", margin: { t: 10, r: 60, b: 40, l: 50 }, hovermode: "x unified",
      legend: { orientation: "h", y: -0.2 },
      yaxis: { title: { text: "events (conflict below 0)" }, zeroline: true },
      yaxis2: { title: { text: "Goldstein" }, overlaying: "y", side: "right", range: [-10, 10], showgrid: false },
    }, extra || {});
  }

  function periodLabel(period, freq) {
    const text = String(period);
    if (freq === "year") return text.slice(0, 4);
    if (freq === "month") return text.slice(0, 7);
    return text.slice(0, 10);
  }

  // -- pages ---------------------------------------------------------------------------------------------
  async function overview() {
    const params = filterParams();
    const [summary, series] = await Promise.all([
      getJSON("/api/summary", params), getJSON("/api/series", filterParams({ freq: "month" })),
    ]);
    const cards = document.getElementById("cards");
    const card = (label, value, note) => el("div", { class: "card" },
      el("div", { class: "value", text: value }), el("div", { class: "label", text: label }),
      note ? el("div", { class: "muted", text: note }) : null);
    const m = summary.modality;
    cards.replaceChildren(
      card("events", summary.events.toLocaleString(),
        (m.asserted || 0) + " asserted · " + (m.negated || 0) + " negated · " + (m.hypothetical || 0) + " hypothetical"),
      card("documents", summary.documents.toLocaleString()),
      card("actors", summary.actors.toLocaleString()),
      card("stories in store", summary.store.stories.toLocaleString()),
      card("mean Goldstein", fmt(summary.goldstein, 2)),
      card("dates", (summary.first_day || "—") + " to " + (summary.last_day || "—")));
    Plotly.newPlot("chart-quad", quadTraces(series.series),
      quadLayout({ xaxis: { type: "date" } }), PLOT_CONFIG);
    const tbody = document.querySelector("#top-dyads tbody");
    tbody.replaceChildren(...summary.top_dyads.map((d) => el("tr", {},
      el("td", {}, el("code", { text: d.source })), el("td", {}, el("code", { text: d.target })),
      el("td", { text: d.events }),
      el("td", {}, el("span", { class: "swatch", style: "background:" + goldsteinColor(d.goldstein) }), fmt(d.goldstein)),
      el("td", {}, el("a", { href: "/dyads?" + new URLSearchParams({ a: d.source, b: d.target }), text: "explore" })))));
    const roots = Object.keys(summary.root);
    Plotly.newPlot("chart-roots", [{
      type: "bar", x: roots.map((r) => r + " " + esc(summary.root_names[r] || "")), y: roots.map((r) => summary.root[r]),
      marker: { color: roots.map((r) => (Number(r) <= 8 ? "#1f6fb4" : "#c4302b")) },
      hovertemplate: "%{x}: %{y} events<extra></extra>",
    }], { margin: { t: 10, r: 10, b: 110, l: 40 }, xaxis: { tickangle: -40 } }, PLOT_CONFIG);
  }

  async function timeline() {
    const freq = query().get("freq") || "week";
    for (const button of document.querySelectorAll("[data-freq]")) {
      button.classList.toggle("active", button.dataset.freq === freq);
      button.addEventListener("click", () => {
        const params = query();
        params.set("freq", button.dataset.freq);
        window.location.search = params.toString();
      });
    }
    const data = await getJSON("/api/series", filterParams({ freq }));
    const layout = quadLayout({ xaxis: { type: "date", rangeslider: { visible: true } },
      legend: { orientation: "h", x: 0, y: 1.12 }, margin: { t: 40, r: 20, b: 40, l: 50 } });
    delete layout.yaxis2;
    Plotly.newPlot("chart-timeline", quadTraces(data.series, { goldstein: false }), layout, PLOT_CONFIG);
    Plotly.newPlot("chart-goldstein", [{
      type: "scatter", mode: "lines+markers", x: data.series.map((r) => r.period),
      y: data.series.map((r) => r.goldstein), name: "mean Goldstein", line: { color: "#333" },
      marker: { color: data.series.map((r) => goldsteinColor(r.goldstein)), size: 8 },
      customdata: data.series.map((r) => r.events),
      hovertemplate: "%{x}<br>mean Goldstein %{y:.2f} over %{customdata} events<extra></extra>",
    }], { margin: { t: 10, r: 10, b: 40, l: 50 }, yaxis: { range: [-10, 10], zeroline: true }, xaxis: { type: "date" } },
    PLOT_CONFIG);
  }

  async function dyads() {
    const form = document.getElementById("dyad-form");
    fillForm(form);
    const top = await getJSON("/api/dyads/top", new URLSearchParams({ limit: "8" }));
    const suggestions = document.getElementById("dyad-suggestions");
    for (const d of top.dyads) {
      suggestions.append(el("a", { href: "/dyads?" + new URLSearchParams({ a: d.source, b: d.target }),
        text: d.source + "–" + d.target }), " ");
    }
    let a = query().get("a");
    let b = query().get("b");
    if ((!a || !b) && top.dyads.length) { a = top.dyads[0].source; b = top.dyads[0].target; }
    if (!a || !b) return;
    form.elements.namedItem("a").value = a;
    form.elements.namedItem("b").value = b;
    const freq = query().get("freq") || "month";
    const modality = query().get("modality") || "";
    const base = { freq, modality };
    const data = await getJSON("/api/dyads", filterParams(Object.assign({ a, b }, base)));
    document.getElementById("dyad-title").textContent = "Relations between " + a + " and " + b + " by " + freq;
    const traces = [];
    for (const [direction, label, color] of [["forward", a + " → " + b, "#6a3d9a"], ["backward", b + " → " + a, "#33a02c"]]) {
      const rows = data.series.filter((r) => r.direction === direction);
      const x = rows.map((r) => r.period);
      traces.push({ type: "bar", name: esc(label) + " events", x, y: rows.map((r) => r.events), marker: { color },
        opacity: 0.6, hovertemplate: esc(label) + "<br>%{x}: %{y} events<extra></extra>" });
      traces.push({ type: "scatter", mode: "lines+markers", name: esc(label) + " Goldstein", x, yaxis: "y2",
        y: rows.map((r) => r.goldstein), line: { color, width: 2 },
        hovertemplate: esc(label) + "<br>%{x}: mean Goldstein %{y:.2f}<extra></extra>" });
    }
    // Periods as categories: a dyad often has only a few active periods, far apart.
    for (const trace of traces) trace.x = trace.x.map((p) => periodLabel(p, freq));
    const categories = [...new Set(data.series.map((r) => periodLabel(r.period, freq)))].sort();
    Plotly.newPlot("chart-dyad", traces, {
      barmode: "group", margin: { t: 10, r: 60, b: 40, l: 50 }, legend: { orientation: "h", y: -0.2 },
      xaxis: { type: "category", categoryorder: "array", categoryarray: categories }, yaxis: { title: { text: "events" } },
      yaxis2: { title: { text: "Goldstein" }, overlaying: "y", side: "right", range: [-10, 10], showgrid: false },
    }, PLOT_CONFIG);
    const pages = await Promise.all([
      getJSON("/api/events", filterParams({ source: a, target: b, modality, limit: 200 })),
      getJSON("/api/events", filterParams({ source: b, target: a, modality, limit: 200 })),
    ]);
    const events = pages[0].events.concat(pages[1].events)
      .sort((x, y) => String(x.date).localeCompare(String(y.date)));
    fillEvents(document.querySelector("#events-table tbody"), events, true);
  }

  async function network() {
    const params = filterParams({ level: query().get("level"), max_nodes: query().get("max_nodes") });
    const data = await getJSON("/api/network", params);
    if (!data.nodes.length) {
      document.getElementById("chart-network").append(el("p", { class: "muted", text: "No actors match." }));
      return;
    }
    const where = Object.fromEntries(data.nodes.map((n) => [n.code, n]));
    const maxEdge = Math.max(...data.edges.map((e) => e.events), 1);
    const traces = data.edges.map((e) => ({
      type: "scatter", mode: "lines", hoverinfo: "skip", showlegend: false,
      x: [where[e.source].x, where[e.target].x], y: [where[e.source].y, where[e.target].y],
      line: { width: 2 + 8 * Math.sqrt(e.events / maxEdge), color: goldsteinColor(e.goldstein) }, opacity: 0.8,
    }));
    traces.push({
      type: "scatter", mode: "markers", name: "edges", showlegend: false,
      x: data.edges.map((e) => where[e.source].x * 0.4 + where[e.target].x * 0.6),
      y: data.edges.map((e) => where[e.source].y * 0.4 + where[e.target].y * 0.6),
      marker: { size: 7, symbol: "triangle-right", color: data.edges.map((e) => goldsteinColor(e.goldstein)) },
      text: data.edges.map((e) => esc(e.source) + " → " + esc(e.target) + ": " + e.events + " events, mean Goldstein " + fmt(e.goldstein)),
      hovertemplate: "%{text}<extra></extra>",
    });
    const maxNode = Math.max(...data.nodes.map((n) => n.events), 1);
    traces.push({
      type: "scatter", mode: "markers+text", name: "actors", showlegend: false,
      x: data.nodes.map((n) => n.x), y: data.nodes.map((n) => n.y),
      text: data.nodes.map((n) => esc(n.code)), textposition: "top center",
      customdata: data.nodes.map((n) => [esc(n.name), n.events, fmt(n.goldstein), n.code]),
      hovertemplate: "<b>%{text}</b> %{customdata[0]}<br>%{customdata[1]} events, mean Goldstein %{customdata[2]}<extra></extra>",
      marker: {
        size: data.nodes.map((n) => 12 + 38 * Math.sqrt(n.events / maxNode)),
        color: data.nodes.map((n) => n.goldstein), cmin: -10, cmax: 10, colorscale: GOLDSTEIN_SCALE,
        colorbar: { title: { text: "mean<br>Goldstein" } }, line: { color: "#fff", width: 1 }, opacity: 0.95,
      },
    });
    const axis = { showgrid: false, zeroline: false, showticklabels: false };
    const chart = document.getElementById("chart-network");
    await Plotly.newPlot(chart, traces, { margin: { t: 10, r: 10, b: 10, l: 10 }, hovermode: "closest",
      xaxis: axis, yaxis: axis, dragmode: "zoom" }, PLOT_CONFIG);
    chart.on("plotly_click", (event) => {
      const point = event.points && event.points[0];
      if (point && point.customdata && point.customdata[3]) {
        const field = data.level === "country" ? "country" : "actor";
        window.location.href = "/events?" + new URLSearchParams({ [field]: point.customdata[3] });
      }
    });
  }

  async function worldMap() {
    const params = filterParams({ basis: query().get("basis") || "auto" });
    const [svgText, data] = await Promise.all([
      fetch("/vendor/world.svg").then((r) => { if (!r.ok) throw new Error("world map: " + r.status); return r.text(); }),
      getJSON("/api/map", params),
    ]);
    const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const svg = document.importNode(parsed.documentElement, true);
    svg.setAttribute("id", "world");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "world map of event counts");
    const box = document.getElementById("map");
    box.prepend(svg);
    document.getElementById("map-basis").textContent = data.basis === "location"
      ? "Countries coloured by the number of events that took place there."
      : "No stored event has a place: countries are coloured by the events their actors took part in (source or target).";
    const counts = Object.fromEntries(data.countries.map((c) => [c.country, c]));
    const max = Math.max(...data.countries.map((c) => c.events), 1);
    const shade = (n) => {
      const t = Math.log1p(n) / Math.log1p(max);
      const from = [253, 224, 197], to = [165, 15, 21];
      return "rgb(" + from.map((c, i) => Math.round(c + (to[i] - c) * t)).join(",") + ")";
    };
    const tip = document.getElementById("map-tip");
    for (const group of svg.querySelectorAll("g.country")) {
      const row = counts[group.dataset.iso3];
      const name = group.dataset.name || group.dataset.iso3;
      group.append(el("title", { text: name + ": " + (row ? row.events : 0) + " events" }));
      if (!row) continue;
      group.classList.add("has-events");
      group.style.fill = shade(row.events);
      group.addEventListener("mousemove", (event) => {
        tip.hidden = false;
        tip.textContent = name + " (" + row.country + "): " + row.events + " events, mean Goldstein " + fmt(row.goldstein);
        const rect = box.getBoundingClientRect();
        tip.style.left = (event.clientX - rect.left + 12) + "px";
        tip.style.top = (event.clientY - rect.top + 12) + "px";
      });
      group.addEventListener("mouseleave", () => { tip.hidden = true; });
      group.addEventListener("click", () => {
        window.location.href = "/events?" + filterParams({ country: row.country }).toString();
      });
    }
    zoomable(svg);
    const legend = document.getElementById("map-legend");
    legend.replaceChildren(el("span", { class: "swatch", style: "background:" + shade(1) }), " 1 event ",
      el("span", { class: "swatch", style: "background:" + shade(max) }), " " + max + " events");
    document.querySelector("#country-table tbody").replaceChildren(...data.countries.map((c) => el("tr", {},
      el("td", {}, el("a", { href: "/events?" + new URLSearchParams({ country: c.country }), text: c.name + " (" + c.country + ")" })),
      el("td", { text: c.events }), el("td", { text: fmt(c.goldstein) }))));
    document.querySelector("#place-table tbody").replaceChildren(...data.places.map((p) => el("tr", {},
      el("td", { text: p.name }), el("td", { text: p.country || "" }),
      el("td", { text: p.lat === null ? "" : p.lat.toFixed(3) }), el("td", { text: p.lon === null ? "" : p.lon.toFixed(3) }),
      el("td", { text: p.precision || "" }), el("td", { text: p.events }))));
    document.getElementById("places-empty").hidden = data.places.length > 0;
  }

  function zoomable(svg) {
    const full = svg.viewBox.baseVal;
    const start = { x: full.x, y: full.y, w: full.width, h: full.height };
    let view = Object.assign({}, start);
    const apply = () => svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    const zoom = (factor, cx, cy) => {
      const w = Math.min(start.w, Math.max(start.w / 20, view.w * factor));
      const h = w * start.h / start.w;
      const px = cx === undefined ? 0.5 : cx, py = cy === undefined ? 0.5 : cy;
      view = { x: view.x + (view.w - w) * px, y: view.y + (view.h - h) * py, w, h };
      apply();
    };
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      zoom(event.deltaY < 0 ? 0.8 : 1.25, (event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (event) => { drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, view), moved: false }; });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const rect = svg.getBoundingClientRect();
      const dx = (event.clientX - drag.x) * view.w / rect.width, dy = (event.clientY - drag.y) * view.h / rect.height;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      view = Object.assign({}, drag.view, { x: drag.view.x - dx, y: drag.view.y - dy });
      apply();
    });
    window.addEventListener("pointerup", () => { drag = null; });
    document.getElementById("zoom-in").addEventListener("click", () => zoom(0.7));
    document.getElementById("zoom-out").addEventListener("click", () => zoom(1 / 0.7));
    document.getElementById("zoom-reset").addEventListener("click", () => { view = Object.assign({}, start); apply(); });
  }

  async function events() {
    const limit = 50;
    const offset = Math.max(0, Number(query().get("offset") || 0));
    const order = query().get("order") || "date";
    const data = await getJSON("/api/events", filterParams({ limit, offset, order }));
    fillEvents(document.querySelector("#events-table tbody"), data.events, true);
    const last = Math.min(offset + data.events.length, data.total);
    document.getElementById("events-count").textContent = data.total
      ? "Events " + (offset + 1) + "–" + last + " of " + data.total.toLocaleString() : "No events match.";
    const go = (to) => { const params = query(); params.set("offset", String(to)); window.location.search = params.toString(); };
    const prev = document.getElementById("prev"), next = document.getElementById("next");
    prev.disabled = offset === 0;
    next.disabled = last >= data.total;
    prev.addEventListener("click", () => go(Math.max(0, offset - limit)));
    next.addEventListener("click", () => go(offset + limit));
  }

  function codePage() {
    const form = document.getElementById("code-form");
    const status = document.getElementById("code-status");
    const tbody = document.querySelector("#events-table tbody");
    const show = (data) => {
      fillEvents(tbody, data.events, false);
      status.textContent = data.events.length + " event(s) in " + data.characters.toLocaleString() + " characters";
    };
    const fail = (error) => {
      status.textContent = "";
      showError(error.status === 413 ? { message: "too large: " + error.message } : error);
    };
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      document.getElementById("error").hidden = true;
      const text = document.getElementById("code-text").value;
      if (!text.trim()) { status.textContent = "Paste some text first."; return; }
      const date = document.getElementById("code-date").value;
      status.textContent = "coding…";
      try {
        const response = await fetch("/api/code", {
          method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(date ? { text, date } : { text }),
        });
        show(await checked(response));
      } catch (error) { fail(error); }
    });
    document.getElementById("code-file").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      document.getElementById("error").hidden = true;
      const body = new FormData();
      body.append("file", file);
      const date = document.getElementById("code-date").value;
      if (date) body.append("date", date);
      status.textContent = "coding " + file.name + "…";
      try { show(await checked(await fetch("/api/code/file", { method: "POST", body }))); } catch (error) { fail(error); }
    });
  }

  const PAGES = { overview, timeline, dyads, network, map: worldMap, events, code: codePage };

  document.addEventListener("DOMContentLoaded", () => {
    fillForm(document.getElementById("filters"));
    const page = PAGES[document.body.dataset.page];
    const tasks = [fillActors()];
    if (page) tasks.push(Promise.resolve().then(page));
    Promise.all(tasks).then(() => { document.body.dataset.ready = "1"; }, (error) => {
      showError(error);
      document.body.dataset.ready = "error";
    });
  });
})();
