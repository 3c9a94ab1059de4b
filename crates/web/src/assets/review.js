// dxplan serve: the review page. Staff correct what was misread, dismiss
// warnings and approve; every edit goes to the server, which turns it into
// the review's corrections (against the plan as read) and answers with the
// review and the plan as they now read. Nothing is written until "save"
// (archive mode) or "download" (an upload). Plain JavaScript; every text
// comes from the page's data-messages (the catalogue's web-js-* messages).
"use strict";

const messages = JSON.parse(document.body.dataset.messages || "{}");
function msg(id, args) {
  let s = messages[id] || id;
  for (const [k, v] of Object.entries(args || {})) s = s.split("%" + k + "%").join(String(v));
  return s;
}
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}
function $(id) {
  return document.getElementById(id);
}

const params = new URLSearchParams(location.search);
const target = params.get("path") !== null ? { path: params.get("path") } : { job: params.get("job") || "" };
const query = new URLSearchParams(target).toString();
// The page's state: the server's last answer, and whether it is saved.
let state = null;
let dirty = false;

function showError(text) {
  $("review-error").textContent = text || "";
  $("review-error").hidden = !text;
}

async function call(url, body) {
  const resp = await fetch(url, {
    method: body ? "POST" : "GET",
    credentials: "same-origin",
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  let data = null;
  try {
    data = await resp.json();
  } catch (e) {
    data = null;
  }
  return [resp.status, data];
}

async function load() {
  const [status, data] = await call("/api/review?" + query);
  if (status !== 200 || !data) {
    showError((data && data.error) || msg("network"));
    $("plan-title").textContent = "";
    return;
  }
  state = data;
  dirty = false;
  render();
}

// Send edits; the page keeps its review when the server refuses them.
async function edit(ops) {
  showError("");
  $("review-saved").hidden = true;
  const [status, data] = await call("/api/review/apply", Object.assign({}, target, { review: state.review, ops: ops }));
  if (status !== 200 || !data) {
    showError((data && data.error) || msg("network"));
    return;
  }
  state.review = data.review;
  state.plan = data.plan;
  state.codes = data.codes;
  dirty = true;
  render();
}

async function save() {
  showError("");
  const body = Object.assign({}, target, { review: state.review, expected: state.sha256 });
  const [status, data] = await call("/api/review/save", body);
  if (status === 200 && data) {
    data.publish = state.publish;
    state = data;
    dirty = false;
    render();
    $("review-saved").hidden = false;
    return;
  }
  // Refused (409: someone else saved meanwhile): the edits stay on the page.
  showError((data && data.error) || msg("network"));
  $("review-error").dataset.status = String(status);
  // The edits can still be kept as a file.
  $("download-button").hidden = false;
  $("review-head").scrollIntoView();
}

function download() {
  const blob = new Blob([JSON.stringify(state.review, null, 2) + "\n"], { type: "application/json" });
  const a = el("a");
  a.href = URL.createObjectURL(blob);
  a.download = state.review_file;
  document.body.append(a);
  a.click();
  a.remove();
  dirty = false;
  render();
}

async function upload(file) {
  let review;
  try {
    review = JSON.parse(await file.text());
  } catch (e) {
    showError(msg("review-not-json", { file: file.name }));
    return;
  }
  const before = state.review;
  state.review = review;
  await edit([]);
  if ($("review-error").hidden === false) state.review = before;
}

// --- where a value was read -------------------------------------------

function showSource(at, box) {
  const view = $("source-view");
  view.replaceChildren();
  $("source-at").textContent = at;
  if (!at) return;
  const q = new URLSearchParams(Object.assign({}, target, { at: at }));
  if (box) q.set("box", box.join(","));
  const url = "/api/review/source?" + q.toString();
  if (state.format === "pdf") {
    // The page drawn large in a scrolling box, scrolled to the red outline.
    const scroll = el("div", "source-scroll");
    const img = el("img", "source-image");
    img.alt = msg("review-source-alt", { at: at });
    scroll.append(img);
    view.append(scroll);
    fetch(url, { credentials: "same-origin" }).then(async (r) => {
      if (!r.ok) {
        view.textContent = msg("review-no-source");
        return;
      }
      const doc = new DOMParser().parseFromString(await r.text(), "image/svg+xml");
      const rect = doc.querySelector("rect.dxplan-source");
      const vb = doc.documentElement.viewBox && doc.documentElement.viewBox.baseVal;
      img.addEventListener("load", () => {
        if (!rect || !vb || !vb.width) return;
        const scale = img.clientWidth / vb.width;
        const x = (+rect.getAttribute("x") + +rect.getAttribute("width") / 2) * scale;
        const y = (+rect.getAttribute("y") + +rect.getAttribute("height") / 2) * scale;
        scroll.scrollLeft = Math.max(0, x - scroll.clientWidth / 2);
        scroll.scrollTop = Math.max(0, y - scroll.clientHeight / 2);
      });
      img.src = url;
    });
  } else {
    fetch(url, { credentials: "same-origin" }).then(async (r) => {
      // The fragment is the server's own HTML, with every text escaped.
      if (r.ok) view.innerHTML = await r.text();
      else view.textContent = msg("review-no-source");
    });
  }
}

function sourceButton(at, box) {
  const b = el("button", "button small source", msg("review-show-source"));
  b.type = "button";
  b.title = at || "";
  b.dataset.at = at || "";
  b.disabled = !at;
  b.addEventListener("click", () => showSource(at, box));
  return b;
}

// --- rendering --------------------------------------------------------

function corrected() {
  const set = new Set();
  const r = state.plan.review;
  for (const c of (r && r.corrected) || []) set.add((c.measure || "") + "|" + c.path);
  return set;
}

function correction(measure, path) {
  return (state.review.corrections || []).find((c) => (c.measure || "") === (measure || "") && c.path === path);
}

function statusWord() {
  const approved = state.review.reviewed && state.review.reviewed.approved;
  if (approved) return msg("review-status-approved");
  if (state.sha256 || (state.review.corrections || []).length || (state.review.dismissed || []).length) {
    return msg("review-status-in-review");
  }
  return msg("review-status-unreviewed");
}

function render() {
  const plan = state.plan;
  // How many times the page was drawn (tests wait for the next drawing).
  document.body.dataset.renders = String(+(document.body.dataset.renders || 0) + 1);
  document.title = state.name + " — " + document.title.split(" — ").pop();
  $("plan-title").textContent = plan.plan.title || state.name;
  $("plan-name").textContent = state.name;
  $("review-status").textContent = statusWord();
  $("review-status").dataset.approved = String(!!(state.review.reviewed && state.review.reviewed.approved));
  $("review-dirty").hidden = !dirty;
  $("save-button").hidden = !state.archive;
  $("download-button").hidden = state.archive;
  $("upload-label").hidden = state.archive;
  const rv = state.review.reviewed;
  const approved = !!(rv && rv.approved);
  $("approved-line").hidden = !approved;
  $("approved-line").textContent = approved ? msg("review-approved-by", { by: rv.by || "", at: rv.at || "" }) : "";
  $("unapprove-button").hidden = !approved;
  $("approve-button").hidden = approved;
  if (!$("approve-at").value) $("approve-at").value = new Date().toISOString().slice(0, 10);
  renderPublish();
  renderWarnings();
  renderPlanFields(corrected());
  const box = $("measure-editors");
  box.replaceChildren();
  const fixed = corrected();
  const years = valueYears(plan);
  for (const m of plan.measures) box.append(measureEditor(m, fixed, years));
  renderRemoved();
}

// Publishing (archive mode with --ckan): the saved, approved plan only.
// The server checks the same again; the button only says when it will.
function renderPublish() {
  const to = state.publish;
  $("publish-box").hidden = !to;
  if (!to) return;
  $("publish-button").textContent = msg("publish");
  $("publish-to").textContent = msg("publish-to", { ckan: to.ckan, organization: to.organization });
  const r = state.plan.review;
  const approved = !!(r && r.approved && !r.stale && !r.source_changed);
  const hint = dirty ? msg("publish-hint-save") : approved ? "" : msg("publish-hint-approve");
  $("publish-button").disabled = !!hint || publishing;
  $("publish-hint").textContent = hint;
  $("publish-hint").hidden = !hint;
}

let publishing = false;

async function publish() {
  showError("");
  publishing = true;
  renderPublish();
  $("publish-done").hidden = false;
  $("publish-done").textContent = msg("publishing");
  $("publish-steps").replaceChildren();
  $("publish-steps").hidden = true;
  const [status, data] = await call("/api/review/publish", target);
  publishing = false;
  const steps = (data && data.steps) || [];
  for (const s of steps) $("publish-steps").append(el("li", null, s));
  $("publish-steps").hidden = steps.length === 0;
  if (status === 200 && data) {
    $("publish-done").textContent = msg("published") + " " + data.outcome;
    $("publish-done").dataset.status = "200";
  } else {
    $("publish-done").hidden = true;
    showError((data && data.error) || msg("network"));
    $("review-error").dataset.status = String(status);
  }
  renderPublish();
}

// The plan's own fields: title, dates, municipality (paths plan.…).
const PLAN_FIELDS = [
  ["plan.title", (p) => p.title],
  ["plan.issued", (p) => p.issued],
  ["plan.revised", (p) => p.revised],
  ["plan.municipality.prefecture", (p) => p.municipality && p.municipality.prefecture],
  ["plan.municipality.name", (p) => p.municipality && p.municipality.name],
  ["plan.municipality.code", (p) => p.municipality && p.municipality.code],
];

function renderPlanFields(fixed) {
  const list = $("plan-field-list");
  list.replaceChildren();
  for (const [path, get] of PLAN_FIELDS) {
    const label = el("label", "field");
    label.append(el("span", "label", msg("review-field-" + path.replace(/\./g, "-"))));
    const input = el("input", "text");
    input.type = "text";
    input.value = get(state.plan.plan) || "";
    input.dataset.path = path;
    mark(input, fixed, null, path);
    input.addEventListener("change", () => {
      const v = input.value.trim();
      edit([{ op: "set", measure: null, path: path, new: v || null }]);
    });
    label.append(input);
    const n = noteFor(null, path);
    if (n) label.append(n);
    list.append(label);
  }
}

// Measures the review removes, each with a way back.
function renderRemoved() {
  const list = $("removed-list");
  list.replaceChildren();
  for (const c of state.review.corrections || []) {
    if (c.path !== "" || c.new !== null) continue;
    const li = el("li", "removed-measure");
    li.dataset.id = c.measure;
    const name = (c.old && c.old.name) || "";
    li.append(msg("review-removed", { id: c.measure, name: name }) + (c.note ? " — " + c.note : ""), " ");
    const undo = el("button", "button small restore", msg("review-restore"));
    undo.type = "button";
    undo.addEventListener("click", () => edit([{ op: "unset", measure: c.measure, path: "" }]));
    li.append(undo);
    list.append(li);
  }
}

function renderWarnings() {
  const list = $("warning-list");
  list.replaceChildren();
  const warnings = state.plan.warnings;
  if (!warnings.length) list.append(el("li", "none", msg("review-no-warnings")));
  warnings.forEach((w) => {
    const li = el("li", "warning" + (w.dismissed !== undefined && w.dismissed !== null ? " dismissed" : ""));
    li.dataset.code = w.code;
    li.dataset.at = w.at || "";
    li.append(el("span", "code", (state.codes && state.codes[w.code]) || w.code));
    li.append(" ", el("span", "message", w.message), " ", el("span", "at", w.at || ""));
    const box = w.location && w.location.box;
    li.append(" ", sourceButton(w.at, box));
    const line = el("div", "warning-actions");
    if (w.dismissed !== undefined && w.dismissed !== null) {
      line.append(el("span", "dismissed-note", msg("review-dismissed", { note: w.dismissed })));
      const undo = el("button", "button small undismiss", msg("review-undismiss"));
      undo.type = "button";
      undo.addEventListener("click", () => edit([{ op: "undismiss", code: w.code, at: w.at }]));
      line.append(" ", undo);
    } else {
      const note = el("input", "note");
      note.type = "text";
      note.placeholder = msg("review-note-placeholder");
      const resolved = el("button", "button small resolve", msg("review-resolve"));
      resolved.type = "button";
      resolved.addEventListener("click", () =>
        edit([{ op: "dismiss", code: w.code, at: w.at, note: note.value.trim() || msg("review-resolved-note") }])
      );
      const dismiss = el("button", "button small dismiss", msg("review-dismiss"));
      dismiss.type = "button";
      dismiss.addEventListener("click", () => {
        if (!note.value.trim()) {
          note.focus();
          note.classList.add("needed");
          return;
        }
        edit([{ op: "dismiss", code: w.code, at: w.at, note: note.value.trim() }]);
      });
      line.append(note, " ", resolved, " ", dismiss);
    }
    li.append(line);
    list.append(li);
  });
}

// A field's note input, shown once the field is corrected.
function noteFor(measure, path) {
  const c = correction(measure, path);
  if (!c) return null;
  const n = el("input", "note correction-note");
  n.type = "text";
  n.value = c.note || "";
  n.placeholder = msg("review-note-placeholder");
  n.dataset.path = path;
  n.addEventListener("change", () => edit([{ op: "note", measure: measure, path: path, note: n.value }]));
  return n;
}

function mark(node, fixed, measure, path) {
  // A measure the review adds counts as corrected in each of its fields.
  if (fixed.has((measure || "") + "|" + path) || (measure && fixed.has(measure + "|"))) {
    node.classList.add("corrected");
    node.title = msg("review-corrected");
  }
}

const TEXTS = ["name", "description", "effect", "challenges", "qualitative_evaluation", "review"];

function measureEditor(m, fixed, years) {
  const s = el("section", "panel measure-edit");
  s.dataset.id = m.id;
  const added = correction(m.id, "") && correction(m.id, "").old === null;
  const h = el("h3", null, m.id + " " + m.name);
  if (added) h.append(" ", el("span", "badge corrected", msg("review-added")));
  s.append(h);
  const where = el("p", "meta");
  where.append(el("span", "at", m.source_ref), " ", sourceButton(m.source_ref));
  const remove = el("button", "button small remove-measure", msg("review-remove-measure"));
  remove.type = "button";
  remove.addEventListener("click", () => {
    const note = window.prompt(msg("review-remove-why"), "");
    if (note === null) return;
    edit([{ op: "remove_measure", measure: m.id, note: note }]);
  });
  where.append(" ", remove);
  s.append(where);

  const fields = el("div", "fields");
  for (const key of TEXTS) {
    const label = el("label", "field");
    label.append(el("span", "label", msg("review-field-" + key)));
    const input = el(key === "name" ? "input" : "textarea", "text");
    if (key === "name") input.type = "text";
    else input.rows = Math.min(6, Math.max(1, Math.ceil((m[key] || "").length / 60)));
    input.value = m[key] || "";
    input.dataset.path = key;
    mark(input, fixed, m.id, key);
    input.addEventListener("change", () => {
      const v = input.value.trim();
      edit([{ op: "set", measure: m.id, path: key, new: key === "name" ? v : v || null }]);
    });
    label.append(input);
    const n = noteFor(m.id, key);
    if (n) label.append(n);
    fields.append(label);
  }
  const deps = el("label", "field");
  deps.append(el("span", "label", msg("review-field-departments")));
  const di = el("input", "text");
  di.type = "text";
  di.dataset.path = "departments";
  di.value = m.departments.concat(m.departments_etc ? ["等"] : []).join("、");
  mark(di, fixed, m.id, "departments");
  di.addEventListener("change", () => {
    const list = di.value.split(/[、,，\n]/).map((x) => x.trim()).filter((x) => x);
    edit([{ op: "set", measure: m.id, path: "departments", new: list }]);
  });
  deps.append(di);
  const dn = noteFor(m.id, "departments");
  if (dn) deps.append(dn);
  fields.append(deps);
  s.append(fields);

  if (m.schedule.length) s.append(scheduleEditor(m, fixed));
  m.indicators.forEach((ind, i) => s.append(indicatorEditor(m, ind, i, fixed, years)));
  if (m.cost) s.append(costEditor(m, fixed, years));
  s.append(addRows(m));
  return s;
}

// A schedule row or an indicator the reader missed, added by name.
function addRows(m) {
  const line = el("div", "add-rows");
  const add = (cls, label, op) => {
    const input = el("input", "text " + cls);
    input.type = "text";
    input.placeholder = msg(label);
    const b = el("button", "button small " + cls, msg(label));
    b.type = "button";
    b.addEventListener("click", () => {
      const name = input.value.trim();
      if (name) edit([op(name)]);
    });
    line.append(input, b, " ");
  };
  add("add-activity", "review-add-activity", (name) => ({
    op: "set",
    measure: m.id,
    path: "schedule." + name,
    new: { activity: name, plan: [], actual: [] },
  }));
  const n = m.indicators.length;
  add("add-indicator", "review-add-indicator", (name) => ({
    op: "set",
    measure: m.id,
    path: (n === 0 ? "indicator" : "indicators[" + n + "]") + ".name",
    new: name,
  }));
  return line;
}

// --- schedule marks -----------------------------------------------------

const GRAN = { year: 1, half: 2, quarter: 4, month: 12 };

function periodGran(p) {
  if (/-Q\d$/.test(p)) return 4;
  if (/-H\d$/.test(p)) return 2;
  if (/^\d{4}-\d{2}$/.test(p)) return 12;
  return 1;
}

function periodName(fy, n, i) {
  if (n === 1) return String(fy);
  if (n === 2) return fy + "-H" + i;
  if (n === 4) return fy + "-Q" + i;
  const month = ((i + 2) % 12) + 1; // 1 → April
  const year = month <= 3 ? fy + 1 : fy;
  return year + "-" + String(month).padStart(2, "0");
}

function scheduleEditor(m, fixed) {
  const all = m.schedule.flatMap((a) => a.plan.concat(a.actual));
  const n = all.length ? Math.max(...all.map(periodGran)) : GRAN.quarter;
  const years = new Set(state.plan.plan.fiscal_years);
  for (const p of all) {
    const y = parseInt(p.slice(0, 4), 10);
    years.add(/^\d{4}-(0[1-3])$/.test(p) ? y - 1 : y);
  }
  const ys = Array.from(years).sort();
  const t = el("table", "gantt schedule-edit");
  const head = el("tr");
  head.append(el("th", null, msg("review-field-activity")), el("th"));
  for (const y of ys) for (let i = 1; i <= n; i++) head.append(el("th", "period", periodName(y, n, i)));
  t.append(head);
  for (const a of m.schedule) {
    for (const part of ["plan", "actual"]) {
      const path = "schedule." + a.activity + "." + part;
      const tr = el("tr", part);
      tr.dataset.path = path;
      if (part === "plan") {
        const th = el("th", null, a.activity);
        th.rowSpan = 2;
        tr.append(th);
      }
      tr.append(el("td", "kind", msg("review-" + part)));
      mark(tr, fixed, m.id, path);
      const on = new Set(a[part]);
      for (const y of ys) {
        for (let i = 1; i <= n; i++) {
          const td = el("td", "bar");
          const box = el("input");
          box.type = "checkbox";
          box.dataset.period = periodName(y, n, i);
          box.checked = on.has(box.dataset.period);
          box.title = a.activity + " " + box.dataset.period;
          box.addEventListener("change", () => {
            const marks = Array.from(tr.querySelectorAll("input[type=checkbox]"))
              .filter((b) => b.checked)
              .map((b) => b.dataset.period);
            edit([{ op: "set", measure: m.id, path: path, new: marks }]);
          });
          td.append(box);
          tr.append(td);
        }
      }
      t.append(tr);
    }
  }
  const wrap = el("div", "schedule");
  const scroll = el("div", "wide");
  scroll.append(t);
  wrap.append(el("h4", null, msg("review-schedule")), scroll);
  for (const a of m.schedule) {
    for (const part of ["plan", "actual"]) {
      const nn = noteFor(m.id, "schedule." + a.activity + "." + part);
      if (nn) wrap.append(el("span", "note-label", a.activity + " " + msg("review-" + part)), nn);
    }
  }
  return wrap;
}

// --- values -------------------------------------------------------------

function valueYears(plan) {
  const ys = new Set(plan.plan.fiscal_years);
  for (const m of plan.measures) {
    for (const i of m.indicators) for (const y of Object.keys(i.target).concat(Object.keys(i.actual))) ys.add(+y);
    if (m.cost) for (const y of Object.keys(m.cost.values)) ys.add(+y);
  }
  return Array.from(ys).sort();
}

function warnedAt() {
  const set = new Set();
  for (const w of state.plan.warnings) if (w.at && (w.dismissed === undefined || w.dismissed === null)) set.add(w.at);
  return set;
}

function valueCell(m, path, v, fixed) {
  const td = el("td", "value-edit");
  const input = el("input", "value");
  input.type = "text";
  input.size = 8;
  input.value = v ? v.raw : "";
  input.dataset.path = path;
  mark(input, fixed, m.id, path);
  if (v && v.at && warnedAt().has(v.at)) td.classList.add("warned");
  input.addEventListener("change", () => edit([{ op: "set_raw", measure: m.id, path: path, raw: input.value.trim() }]));
  td.append(input);
  if (v && v.at) td.append(sourceButton(v.at));
  const n = noteFor(m.id, path);
  if (n) td.append(n);
  return td;
}

function indicatorEditor(m, ind, i, fixed, years) {
  const base = i === 0 ? "indicator" : "indicators[" + i + "]";
  const t = el("table", "values");
  const head = el("tr");
  head.append(el("th", null, ind.name + (ind.unit ? "（" + ind.unit + "）" : "")), el("th"));
  for (const y of years) head.append(el("th", null, msg("review-fiscal-year", { year: y })));
  t.append(head);
  for (const series of ["target", "actual"]) {
    const tr = el("tr", series);
    tr.append(el("td"), el("td", "kind", msg("review-" + series)));
    for (const y of years) tr.append(valueCell(m, base + "." + series + "." + y, ind[series][y], fixed));
    t.append(tr);
  }
  const wrap = el("div", "indicator");
  wrap.append(el("h4", null, msg("review-indicator")), t);
  return wrap;
}

function costEditor(m, fixed, years) {
  const t = el("table", "values");
  const head = el("tr");
  head.append(el("th", null, m.cost.zero_budget ? msg("review-zero-budget") : m.cost.unit || ""));
  for (const y of years) head.append(el("th", null, msg("review-fiscal-year", { year: y })));
  t.append(head);
  const tr = el("tr", "cost");
  tr.append(el("td", "kind", msg("review-cost")));
  for (const y of years) tr.append(valueCell(m, "cost." + y, m.cost.values[y], fixed));
  t.append(tr);
  const wrap = el("div", "cost");
  wrap.append(el("h4", null, msg("review-cost")), t);
  return wrap;
}

// --- setup --------------------------------------------------------------

function setup() {
  $("lang-ja").href = "?" + new URLSearchParams(Object.assign({}, target, { lang: "ja" }));
  $("lang-en").href = "?" + new URLSearchParams(Object.assign({}, target, { lang: "en" }));
  $("save-button").addEventListener("click", save);
  $("download-button").addEventListener("click", download);
  $("upload-review").addEventListener("change", (e) => {
    if (e.target.files[0]) upload(e.target.files[0]);
    e.target.value = "";
  });
  $("approve-form").addEventListener("submit", (e) => {
    e.preventDefault();
    edit([{ op: "approve", by: $("approve-by").value.trim(), at: $("approve-at").value }]);
  });
  $("unapprove-button").addEventListener("click", () => edit([{ op: "unapprove" }]));
  $("publish-button").addEventListener("click", publish);
  $("add-measure-form").addEventListener("submit", (e) => {
    e.preventDefault();
    edit([{ op: "add_measure", measure: $("add-id").value.trim(), name: $("add-name").value.trim(), note: $("add-note").value }]);
    $("add-id").value = "";
    $("add-name").value = "";
    $("add-note").value = "";
  });
  window.addEventListener("beforeunload", (e) => {
    if (dirty) e.preventDefault();
  });
  load();
}

setup();
