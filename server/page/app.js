// app.js: the search page of docket-serve.
//
// Every value from the index reaches the page as a text node or an
// attribute value set through the DOM; nothing is parsed as HTML. The
// page state (query, order, page, open record) lives in the URL, so a
// search can be bookmarked and back/forward walk through searches.
"use strict";

const PAGE_SIZE = 20;
const FACET_LIMIT = 12;

// Facets of the sidebar in display order, with their heading and the
// query field that a click adds.
const FACETS = [
  { name: "status", label: "Status", field: "status" },
  { name: "type", label: "Type", field: "type" },
  { name: "meeting", label: "Meeting", field: "meeting" },
  { name: "wg", label: "Working group", field: "wg" },
  { name: "year", label: "Year", field: "date" },
  { name: "company", label: "Company", field: "company" },
  { name: "contributor", label: "Contributor", field: "by" },
  { name: "spec", label: "Specification", field: "spec" },
];

// Fields whose values are quoted even when they are one word, because
// their values often have spaces: names and "TS 23.501".
const ALWAYS_QUOTED = new Set(["by", "spec"]);

const $ = (id) => document.getElementById(id);

// Cancels the request of a render that a newer navigation replaced.
let pending = null;

// ---- DOM helpers ---------------------------------------------------------

// Create element `tag` with attributes `attrs` and `children`: strings
// become text nodes, so no child is ever parsed as HTML.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "data") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// A link inside the page: the click handler below follows it without a
// reload. `href` is always a path of this server built by pageUrl.
function navLink(href, ...children) {
  return el("a", { href, "data-nav": true }, ...children);
}

// Items joined by `separator`, for lists of links.
function joined(items, separator) {
  return items.flatMap((item, i) => (i ? [separator, item] : [item]));
}

// ---- URL state -----------------------------------------------------------

function readState() {
  const params = new URLSearchParams(location.search);
  const offset = Number.parseInt(params.get("offset") || "0", 10);
  return {
    q: params.get("q") || "",
    sort: ["date", "-date"].includes(params.get("sort")) ? params.get("sort") : "relevance",
    collapse: params.get("collapse") === "1",
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
    record: params.get("record"),
  };
}

// The page URL of `state`, with defaults left out.
function pageUrl(state) {
  const params = new URLSearchParams();
  params.set("q", state.q || "");
  if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
  if (state.collapse) params.set("collapse", "1");
  if (state.offset) params.set("offset", String(state.offset));
  if (state.record) params.set("record", state.record);
  return "/?" + params.toString();
}

// The URL of a new search for `q`, keeping the order and collapsing.
function searchUrl(q, state) {
  return pageUrl({ q, sort: state.sort, collapse: state.collapse });
}

function navigate(href) {
  history.pushState(null, "", href);
  window.scrollTo(0, 0);
  render();
}

// ---- Query filters -------------------------------------------------------

// Split a query at spaces outside quotes: by:"Wei Zhou" is one token.
function tokens(q) {
  return q.match(/(?:[^\s"]+|"[^"]*"?)+/g) || [];
}

// "field:value" with the value unquoted and in lower case, for comparing
// filters whatever their spelling; null for a token without a field.
function filterKey(token) {
  const match = /^([A-Za-z_]+):(.+)$/.exec(token);
  if (!match) return null;
  return match[1].toLowerCase() + ":" + match[2].replace(/"/g, "").toLowerCase();
}

// The query term that restricts `field` to `value`. The query language
// has no escape for '"', so quotes inside a value are dropped.
function filterTerm(field, value) {
  const clean = String(value).replace(/"/g, "");
  const plain = /^[\p{L}\p{N}._#-]+$/u.test(clean) && !ALWAYS_QUOTED.has(field);
  return plain ? `${field}:${clean}` : `${field}:"${clean}"`;
}

function hasFilter(q, term) {
  const key = filterKey(term);
  return tokens(q).some((token) => filterKey(token) === key);
}

// Add `term` to the query, or remove it when the query has it already.
function toggleFilter(q, term) {
  const key = filterKey(term);
  const all = tokens(q);
  const kept = all.filter((token) => filterKey(token) !== key);
  if (kept.length !== all.length) return kept.join(" ");
  return q.trim() ? `${q.trim()} ${term}` : term;
}

// ---- Requests ------------------------------------------------------------

// Fetch JSON from this server; an error object of the API becomes an
// Error with its message.
async function getJson(path, signal) {
  const response = await fetch(path, { signal, headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    throw new Error(`${response.status} ${response.statusText}: the reply is not JSON`);
  }
  if (!response.ok) {
    const message = body && body.error && body.error.message;
    throw new Error(message || `${response.status} ${response.statusText}`);
  }
  return body;
}

function searchPath(state) {
  const params = new URLSearchParams({
    q: state.q,
    limit: String(PAGE_SIZE),
    offset: String(state.offset),
    facets: FACETS.map((facet) => facet.name).join(","),
    facet_limit: String(FACET_LIMIT),
  });
  if (state.sort !== "relevance") params.set("sort", state.sort);
  if (state.collapse) params.set("collapse", "1");
  return "/api/search?" + params.toString();
}

// ---- Results -------------------------------------------------------------

// The snippet with its highlights as <mark> elements. Highlights are
// [start, end) offsets in Unicode code points, so the snippet is split
// into code points, not UTF-16 units.
function snippetNode(snippet, highlights) {
  const chars = Array.from(snippet || "");
  const node = el("p", { class: "snippet" });
  let at = 0;
  for (const range of highlights || []) {
    const [start, end] = Array.isArray(range) ? range : [];
    if (!Number.isInteger(start) || !Number.isInteger(end)) continue;
    if (start < at || end < start || end > chars.length) continue;
    node.append(chars.slice(at, start).join(""), el("mark", {}, chars.slice(start, end).join("")));
    at = end;
  }
  node.append(chars.slice(at).join(""));
  return node;
}

function statusBadge(status) {
  return el("span", { class: "badge", data: { status } }, status);
}

function person(contributor) {
  if (contributor.name && contributor.company) return `${contributor.name} (${contributor.company})`;
  return contributor.name || contributor.company || "";
}

function resultMeta(result) {
  const parts = [el("span", { class: "type" }, result.type || "record")];
  for (const key of ["meeting", "wg", "date"]) {
    if (result[key]) parts.push(result[key]);
  }
  if (result.status) parts.push(statusBadge(result.status));
  if (result.latest_status && result.latest_status !== result.status) {
    parts.push(["finally ", statusBadge(result.latest_status)]);
  }
  if (result.collapsed > 0) parts.push(`${result.collapsed} more in the chain`);
  return el("p", { class: "meta" }, joined(parts, " · "));
}

function resultItem(result, state) {
  const number = result.doc || result.action;
  const href = pageUrl({ ...state, record: result.id });
  const title = navLink(href, number ? el("span", { class: "doc" }, number) : null,
                        result.title || "(untitled)");
  const people = (result.contributors || []).map(person).filter(Boolean);
  return el("li", { class: "result", data: { id: result.id } },
    el("h2", { class: "result-title" }, title),
    resultMeta(result),
    people.length ? el("p", { class: "people" }, people.join(", ")) : null,
    result.snippet ? snippetNode(result.snippet, result.highlights) : null);
}

function renderStatus(data, state) {
  const status = $("status");
  status.classList.remove("error");
  const shown = data.results.length;
  const noun = data.total === 1 ? "result" : "results";
  const range = shown ? `, ${data.offset + 1}–${data.offset + shown} shown` : "";
  status.replaceChildren(`${data.total} ${noun}${range}`);
  if (data.suggestion) {
    status.append(". Did you mean ", navLink(searchUrl(data.suggestion, state), data.suggestion), "?");
  }
}

// The fielded terms of the query, each with a link that removes it.
function renderFilters(state) {
  const items = tokens(state.q).filter((token) => filterKey(token)).map((token) =>
    el("li", {}, navLink(searchUrl(toggleFilter(state.q, token), state), token,
                         el("span", { class: "remove", "aria-label": "remove" }, " ×"))));
  $("filters").replaceChildren(...items);
}

function renderPager(data, state) {
  const links = [];
  if (data.offset > 0) {
    const previous = Math.max(0, data.offset - PAGE_SIZE);
    links.push(navLink(pageUrl({ ...state, offset: previous, record: null }), "← previous"));
  }
  if (data.offset + data.results.length < data.total) {
    const next = data.offset + data.results.length;
    links.push(navLink(pageUrl({ ...state, offset: next, record: null }), "next →"));
  }
  $("pager").replaceChildren(...links);
}

function renderFacets(facets, state) {
  const sections = [];
  for (const facet of FACETS) {
    const values = (facets && facets[facet.name]) || [];
    if (!values.length) continue;
    const items = values.map((entry) => {
      const term = filterTerm(facet.field, entry.value);
      const active = hasFilter(state.q, term);
      const link = navLink(searchUrl(toggleFilter(state.q, term), state),
                           el("span", { class: "value" }, entry.value),
                           el("span", { class: "count" }, String(entry.count)));
      link.dataset.facet = facet.name;
      link.dataset.value = entry.value;
      if (active) {
        link.classList.add("active");
        link.setAttribute("aria-current", "true");
        link.title = "Remove this filter";
      }
      return el("li", {}, link);
    });
    sections.push(el("section", { class: "facet" }, el("h2", {}, facet.label), el("ul", {}, items)));
  }
  $("facets").replaceChildren(...sections);
}

async function showResults(state, signal) {
  const data = await getJson(searchPath(state), signal);
  renderStatus(data, state);
  renderFilters(state);
  $("results").replaceChildren(...data.results.map((result) => resultItem(result, state)));
  renderPager(data, state);
  renderFacets(data.facets, state);
  $("results").start = data.offset + 1;
}

// ---- Record view ---------------------------------------------------------

function searchLink(field, value, state, text) {
  return navLink(searchUrl(filterTerm(field, value), state), text || value);
}

function fieldRow(label, ...value) {
  return [el("dt", {}, label), el("dd", {}, ...value)];
}

function recordFields(record, state) {
  const rows = [fieldRow("Type", record.type || "record")];
  if (record.body) rows.push(fieldRow("Body", record.body));
  if (record.meeting) rows.push(fieldRow("Meeting", searchLink("meeting", record.meeting, state)));
  if (record.wg) rows.push(fieldRow("Working group", searchLink("wg", record.wg, state)));
  if (record.date) {
    const end = record.date_end && record.date_end !== record.date ? ` to ${record.date_end}` : "";
    rows.push(fieldRow("Date", record.date + end));
  }
  if (record.status) rows.push(fieldRow("Status", statusBadge(record.status)));
  if (record.agenda_item || record.agenda_title) {
    rows.push(fieldRow("Agenda item", [record.agenda_item, record.agenda_title].filter(Boolean).join(" ")));
  }
  const more = [["doc_type", "Document type"], ["purpose", "Purpose"], ["release", "Release"],
                ["work_item", "Work item"], ["location", "Location"]];
  for (const [key, label] of more) {
    if (record[key]) rows.push(fieldRow(label, record[key]));
  }
  if (record.source) {
    rows.push(fieldRow("Source", `${record.source.path || "?"}:${record.source.line || "?"}`));
  }
  rows.push(fieldRow("Id", el("code", {}, record.id)));
  return el("dl", { class: "fields" }, rows);
}

// One row per revision: the decision on it, if the minutes record one.
function decisionsTable(record, state) {
  const decisions = record.decisions || [];
  const revisions = [...(record.revisions || [])];
  for (const decision of decisions) {
    if (decision.doc && !revisions.includes(decision.doc)) revisions.push(decision.doc);
  }
  if (!revisions.length) return null;
  const rows = revisions.map((doc) => {
    const decision = decisions.find((d) => d.doc === doc);
    const notes = [];
    if (decision && decision.typed) notes.push(`written as ${decision.typed}`);
    if (decision && decision.revision_expected) notes.push("revision expected");
    return el("tr", {},
      el("td", {}, searchLink("doc", doc, state)),
      el("td", {}, decision ? statusBadge(decision.decision) : "no decision recorded"),
      el("td", {}, notes.join("; ")));
  });
  return el("table", { class: "decisions" },
    el("thead", {}, el("tr", {}, el("th", {}, "Revision"), el("th", {}, "Decision"), el("th", {}, "Notes"))),
    el("tbody", {}, rows));
}

// The 3GPP revision chain, first to last, and the links of one Tdoc.
function chainList(record, state) {
  const parts = [];
  if (record.chain && record.chain.length) {
    const items = record.chain.map((doc) =>
      el("li", { class: doc === record.doc ? "current" : null }, searchLink("doc", doc, state)));
    parts.push(el("p", {}, "Revision chain, first to last:"), el("ol", { class: "chain" }, items));
  }
  if (record.chain_status) parts.push(el("p", {}, "Decision on the last revision: ", statusBadge(record.chain_status)));
  const links = [["revision_of", "Revision of"], ["revised_to", "Revised to"], ["merged_into", "Merged into"]];
  for (const [key, label] of links) {
    if (record[key]) parts.push(el("p", {}, `${label} `, searchLink("doc", record[key], state)));
  }
  return parts;
}

function section(title, ...content) {
  const body = content.flat(Infinity).filter(Boolean);
  return body.length ? el("section", {}, el("h2", {}, title), body) : null;
}

function peopleList(people, state) {
  return el("ul", { class: "people-list" }, people.map((p) => el("li", {},
    p.name ? searchLink("by", p.name, state) : null,
    p.name && p.company ? ", " : null,
    p.company ? searchLink("company", p.company, state) : null)));
}

function recordSections(record, state) {
  const specs = record.specs || [];
  const related = record.related || [];
  const owners = record.owners || [];
  const officers = ["chair", "secretary"].filter((key) => record[key])
    .map((key) => el("p", {}, `${key === "chair" ? "Chair" : "Secretary"}: `, person(record[key])));
  return [
    section("Revisions and decisions", decisionsTable(record, state), chainList(record, state)),
    section("Contributors", record.contributors && record.contributors.length ? peopleList(record.contributors, state) : null),
    section("Owners", owners.length ? joined(owners.map((o) => searchLink("by", o, state)), ", ") : null),
    section("Specifications", specs.length ? joined(specs.map((s) => searchLink("spec", s, state)), ", ") : null),
    section("Related contributions", related.length ? joined(related.map((d) => searchLink("doc", d, state)), ", ") : null),
    section("Meeting", officers, record.agenda && record.agenda.length ? el("ol", {}, record.agenda.map((a) => el("li", {}, a))) : null),
    section("Text", record.text ? el("div", { class: "text" }, record.text) : null),
  ];
}

async function showRecord(state, signal) {
  const record = await getJson("/api/record/" + encodeURIComponent(state.record), signal);
  const back = navLink(pageUrl({ ...state, record: null }), "← results");
  const number = record.doc || record.action;
  const view = $("record-view");
  view.replaceChildren(
    el("p", { class: "back" }, back),
    el("h1", {}, number ? el("span", { class: "doc" }, number) : null, record.title || "(untitled)"),
    recordFields(record, state),
    ...recordSections(record, state).filter(Boolean));
  document.title = `${number || record.title || "record"} – docket`;
}

// ---- Rendering -----------------------------------------------------------

function syncForm(state) {
  $("q").value = state.q;
  $("sort").value = state.sort;
  $("collapse").checked = state.collapse;
}

function showError(error) {
  const status = $("status");
  status.classList.add("error");
  status.replaceChildren(error.message);
  $("results").replaceChildren();
  $("pager").replaceChildren();
}

async function render() {
  const state = readState();
  syncForm(state);
  if (pending) pending.abort();
  const controller = new AbortController();
  pending = controller;

  const recordMode = Boolean(state.record);
  $("record-view").hidden = !recordMode;
  $("results-view").hidden = recordMode;
  $("facets").hidden = recordMode;
  document.title = state.q ? `${state.q} – docket` : "docket";
  $("main").setAttribute("aria-busy", "true");
  try {
    if (recordMode) await showRecord(state, controller.signal);
    else await showResults(state, controller.signal);
  } catch (error) {
    if (error.name === "AbortError") return;
    if (recordMode) {
      $("record-view").hidden = true;
      $("results-view").hidden = false;
    }
    showError(error);
  } finally {
    if (pending === controller) {
      $("main").removeAttribute("aria-busy");
      pending = null;
    }
  }
}

function submitSearch(event) {
  event.preventDefault();
  navigate(pageUrl({
    q: $("q").value.trim(),
    sort: $("sort").value,
    collapse: $("collapse").checked,
  }));
}

// Follow links inside the page without a reload, except when the reader
// asks for a new tab or window.
function followLink(event) {
  const link = event.target.closest("a[data-nav]");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.getAttribute("href"));
}

function start() {
  history.scrollRestoration = "manual";
  $("search").addEventListener("submit", submitSearch);
  $("sort").addEventListener("change", () => $("search").requestSubmit());
  $("collapse").addEventListener("change", () => $("search").requestSubmit());
  document.addEventListener("click", followLink);
  window.addEventListener("popstate", render);
  render();
}

start();
