// dxplan serve: upload with progress, follow the jobs, show their results.
// Plain JavaScript, no framework; every text comes from the page's
// data-messages (the catalogue's web-js-* messages).
"use strict";

const messages = JSON.parse(document.body.dataset.messages || "{}");

// A message with %name% placeholders filled.
function msg(id, args) {
  let s = messages[id] || id;
  for (const [k, v] of Object.entries(args || {})) {
    s = s.split("%" + k + "%").join(String(v));
  }
  return s;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function showError(id, text) {
  const p = document.getElementById(id);
  p.textContent = text || "";
  p.hidden = !text;
}

// POST a form with upload progress; resolves with [status, JSON body].
function upload(url, data, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((100 * e.loaded) / e.total));
    };
    xhr.onload = () => resolve([xhr.status, xhr.response]);
    xhr.onerror = () => resolve([0, null]);
    xhr.send(data);
  });
}

// One line in a job list: name, progress bar, state.
function jobLine(list, name) {
  const li = el("li", "uploading");
  li.append(el("span", "name", name));
  const bar = el("progress");
  bar.max = 100;
  bar.value = 0;
  li.append(bar);
  li.append(el("span", "state", msg("uploading", { pct: 0 })));
  list.append(li);
  return li;
}

function setState(li, job) {
  li.className = job.state;
  li.dataset.job = job.id || "";
  const state = li.querySelector(".state");
  const bar = li.querySelector("progress");
  if (job.state === "done") {
    bar.remove();
    state.textContent =
      job.kind === "diff"
        ? msg("done-diff", { n: job.changes })
        : msg("done", { n: job.warnings });
  } else if (job.state === "failed") {
    if (bar) bar.remove();
    state.textContent = msg("failed", { reason: job.error });
  } else {
    bar.removeAttribute("value");
    state.textContent = msg(job.state);
  }
}

async function follow(li, job) {
  setState(li, job);
  while (job.state === "queued" || job.state === "running") {
    await new Promise((r) => setTimeout(r, 400));
    const resp = await fetch("/api/jobs/" + job.id, { credentials: "same-origin" });
    if (!resp.ok) {
      li.className = "failed";
      li.querySelector(".state").textContent = msg("gone");
      return;
    }
    job = await resp.json();
    setState(li, job);
  }
  if (job.state === "done") await showResult(job);
}

async function showResult(job) {
  const resp = await fetch("/api/jobs/" + job.id + "/view", { credentials: "same-origin" });
  if (!resp.ok) return;
  const box = el("div", "result");
  box.id = "result-" + job.id;
  // The fragment is the server's own HTML, with every text escaped.
  box.innerHTML = await resp.text();
  for (const d of box.querySelectorAll("details.page-image")) {
    d.addEventListener("toggle", () => {
      const img = d.querySelector("img");
      if (d.open && !img.src) img.src = img.dataset.src;
    });
  }
  document.getElementById("results").prepend(box);
}

async function send(url, data, names, listId, errorId) {
  showError(errorId, "");
  const list = document.getElementById(listId);
  const lines = names.map((n) => jobLine(list, n));
  const [status, body] = await upload(url, data, (pct) => {
    for (const li of lines) {
      li.querySelector("progress").value = pct;
      li.querySelector(".state").textContent = msg("uploading", { pct: pct });
    }
  });
  if (status !== 200 || !body) {
    for (const li of lines) li.remove();
    showError(errorId, (body && body.error) || msg("network"));
    return;
  }
  const jobs = Array.isArray(body) ? body : [body];
  // A diff is one job for two files: keep one line.
  for (const li of lines.slice(jobs.length)) li.remove();
  await Promise.all(jobs.map((job, i) => follow(lines[i], job)));
}

function convertFiles(files) {
  if (!files.length) {
    showError("convert-error", msg("choose-files"));
    return;
  }
  const data = new FormData();
  for (const f of files) data.append("file", f, f.name);
  return send("/api/convert", data, Array.from(files, (f) => f.name), "jobs", "convert-error");
}

function setup() {
  const input = document.getElementById("files");
  document.getElementById("convert-form").addEventListener("submit", (e) => {
    e.preventDefault();
    convertFiles(input.files);
    input.value = "";
  });
  const zone = document.getElementById("dropzone");
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    convertFiles(e.dataTransfer.files);
  });
  document.getElementById("diff-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const oldFile = document.getElementById("diff-old").files[0];
    const newFile = document.getElementById("diff-new").files[0];
    if (!oldFile || !newFile) {
      showError("diff-error", msg("diff-need-two"));
      return;
    }
    const data = new FormData();
    data.append("old", oldFile, oldFile.name);
    data.append("new", newFile, newFile.name);
    send("/api/diff", data, [oldFile.name + " → " + newFile.name], "diff-jobs", "diff-error");
  });
}

setup();
