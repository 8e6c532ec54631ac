// The wave timer: keeps her waves in this browser (localStorage) and asks the server what they mean.
// Never decides urgency itself: the verdict comes from POST /timer/verdict (the core's rules).
(function () {
  "use strict";
  var KEY = "pregback.interfaces.cli.timer.v1";
  var root = document.getElementById("timer");
  if (!root) { return; }
  root.hidden = false;

  var button = document.getElementById("wave-button");
  var clock = document.getElementById("clock");
  var verdictBox = document.getElementById("verdict");
  var verdictText = document.getElementById("verdict-text");
  var alertBox = document.getElementById("alert");
  var offlineBox = document.getElementById("offline");
  var tbody = document.querySelector("#waves tbody");
  var count = document.getElementById("wave-count");
  var weeks = document.getElementById("weeks");
  var callTemplate = document.getElementById("call-template");
  var asked = 0;

  function load() {
    try {
      var data = JSON.parse(localStorage.getItem(KEY) || "{}");
      return {
        waves: Array.isArray(data.waves) ? data.waves : [],
        weeks: typeof data.weeks === "string" ? data.weeks : "",
        first: typeof data.first === "string" ? data.first : ""
      };
    } catch (e) {
      return { waves: [], weeks: "", first: "" };
    }
  }
  var state = load();

  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: keep in memory */ }
  }

  function running() {
    var last = state.waves[state.waves.length - 1];
    return last && last.end === null ? last : null;
  }

  function mmss(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }

  function words(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    var m = Math.floor(s / 60);
    var r = s % 60;
    var mins = m + (m === 1 ? " minute" : " minutes");
    if (m === 0) { return r + " seconds"; }
    return r === 0 ? mins : mins + " " + r + " seconds";
  }

  function hhmm(ms) {
    var d = new Date(ms);
    return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
  }

  function drawList() {
    tbody.textContent = "";
    var waves = state.waves;
    for (var i = waves.length - 1; i >= 0; i--) {
      var w = waves[i];
      var tr = document.createElement("tr");
      cell(tr, hhmm(w.start));
      cell(tr, w.end === null ? "going on" : mmss(w.end - w.start));
      cell(tr, i > 0 ? mmss(w.start - waves[i - 1].start) : "–");
      tbody.appendChild(tr);
    }
    var done = waves.filter(function (w) { return w.end !== null; }).length;
    count.textContent = done === 0 ? "None yet." : done + (done === 1 ? " wave timed." : " waves timed.");
  }

  function tick() {
    var now = Date.now();
    var r = running();
    if (r) {
      button.textContent = "Stop wave";
      button.classList.add("running");
      button.setAttribute("aria-pressed", "true");
      clock.textContent = "This wave: " + mmss(now - r.start);
    } else {
      button.textContent = "Start wave";
      button.classList.remove("running");
      button.setAttribute("aria-pressed", "false");
      var last = state.waves[state.waves.length - 1];
      clock.textContent = last ? "Last wave started " + mmss(now - last.start) + " ago" : "No waves yet";
    }
  }

  function calls(list) {
    var box = document.createElement("div");
    box.className = "calls";
    (list || []).forEach(function (c) {
      var a = callTemplate.content.firstElementChild.cloneNode(true);
      a.setAttribute("href", c.href);
      a.querySelector(".call-label").textContent = c.note ? c.label + " (" + c.note + ")" : c.label;
      box.appendChild(a);
    });
    return box;
  }

  function para(text, cls) {
    var p = document.createElement("p");
    p.textContent = text;
    if (cls) { p.className = cls; }
    return p;
  }

  function showWatching(v) {
    var list = document.getElementById("watching");
    var week = document.getElementById("watch-week");
    if (!list || !v.watching) { return; }
    if (week && v.week) { week.textContent = "Your week: " + v.week; }
    list.textContent = "";
    v.watching.forEach(function (w) {
      var li = document.createElement("li");
      var pill = document.createElement("span");
      pill.className = "pill pill-" + w.urgency;
      pill.textContent = w.label;
      li.appendChild(pill);
      li.appendChild(document.createTextNode(" " + w.title));
      list.appendChild(li);
    });
    if (v.watching.length === 0) {
      var none = document.createElement("li");
      none.textContent = "No labour rule of the weeks of pregnancy applies. Any danger sign still means calling.";
      list.appendChild(none);
    }
  }

  function showVerdict(v) {
    showWatching(v);
    offlineBox.hidden = true;
    verdictBox.className = "verdict level level-" + v.urgency;
    verdictText.textContent = "";
    var holder = document.createElement("div");
    if (v.alert) {
      verdictBox.className = "verdict";  // the alert above says what to do; here, why
    } else {
      holder.appendChild(para("Urgency", "level-tag"));
      holder.appendChild(para(v.label, "level-label"));
      holder.appendChild(para(v.action, "level-action"));
    }
    if (v.summary && v.summary.current_interval_min !== null) {
      holder.appendChild(para("Waves come every " + words(v.summary.current_interval_min * 60000) +
        " and last " + words((v.summary.wave_duration_s || 0) * 1000) + ".", "level-extra"));
    }
    (v.reasons || []).forEach(function (r) { holder.appendChild(para(r.title + ": " + r.reason, "level-extra")); });
    if (!v.alert) { holder.appendChild(calls(v.calls)); }
    verdictText.appendChild(holder);
    alertBox.textContent = "";
    if (v.alert) {
      var box = document.createElement("div");
      box.className = "alert level level-" + v.urgency;
      box.appendChild(para("Urgency", "level-tag"));
      box.appendChild(para(v.label, "level-label"));
      box.appendChild(para(v.action, "level-action"));
      box.appendChild(calls(v.calls));
      alertBox.appendChild(box);
    }
  }

  function showError(text) {
    verdictBox.className = "verdict";
    verdictText.textContent = text;
  }

  function ask() {
    var done = state.waves.filter(function (w) { return w.end !== null; });
    var few = done.length < 2;
    if (few) {  // too few to judge: ask only which rules her week brings
      verdictBox.className = "verdict";
      verdictText.textContent = "Time at least two waves to see what they mean.";
      alertBox.textContent = "";
      done = [];
    }
    var body = {
      episodes: done.map(function (w) {
        return { start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString() };
      }),
      weeks: state.weeks === "" ? null : Number(state.weeks.replace(",", ".")),
      first_pregnancy: state.first === "" ? null : state.first === "yes"
    };
    if (body.weeks !== null && !isFinite(body.weeks)) { body.weeks = state.weeks; }
    var mine = ++asked;
    var token = document.querySelector('meta[name="csrf-token"]');
    fetch("/timer/verdict", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token ? token.content : "" },
      body: JSON.stringify(body),
      credentials: "same-origin"
    }).then(function (res) {
      return res.json().then(function (data) { return { ok: res.ok, data: data }; });
    }).then(function (r) {
      if (mine !== asked) { return; }
      if (r.ok && few) { showWatching(r.data); return; }
      if (r.ok) { showVerdict(r.data); } else { showError(r.data.detail || "The waves could not be checked."); }
    }).catch(function () {
      if (mine !== asked || few) { return; }
      showError("Offline: your waves are saved on this phone, but we cannot check them now.");
      offlineBox.hidden = false;
    });
  }

  button.addEventListener("click", function () {
    var now = Date.now();
    var r = running();
    if (r) {
      r.end = Math.max(now, r.start + 1000);
    } else {
      state.waves.push({ start: now, end: null });
    }
    save();
    drawList();
    tick();
    if (r) { ask(); }
  });

  document.getElementById("undo").addEventListener("click", function () {
    state.waves.pop();
    save(); drawList(); tick(); ask();
  });

  document.getElementById("clear").addEventListener("click", function () {
    if (!window.confirm("Clear all your timed waves?")) { return; }
    state.waves = [];
    save(); drawList(); tick(); ask();
  });

  document.getElementById("save").addEventListener("click", function () {
    var status = document.getElementById("save-status");
    var todo = state.waves.filter(function (w) { return w.end !== null && !w.saved; });
    if (todo.length === 0) { status.textContent = "All your waves are already in your diary."; return; }
    var token = document.querySelector('meta[name="csrf-token"]');
    fetch("/timer/save", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token ? token.content : "" },
      body: JSON.stringify({ episodes: todo.map(function (w) {
        return { start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString() };
      }) }),
      credentials: "same-origin"
    }).then(function (res) {
      return res.json().then(function (data) { return { ok: res.ok, data: data }; });
    }).then(function (r) {
      if (!r.ok) { status.textContent = r.data.detail || "Your waves could not be saved."; return; }
      todo.forEach(function (w) { w.saved = true; });
      save();
      status.textContent = "Saved " + todo.length + (todo.length === 1 ? " wave" : " waves") + " to your diary.";
    }).catch(function () {
      status.textContent = "Offline: your waves stay on this phone. Try again later.";
    });
  });

  weeks.value = state.weeks;
  weeks.addEventListener("change", function () { state.weeks = weeks.value.trim(); save(); ask(); });
  var savedFirst = root.getAttribute("data-first") || "";  // from her profile, until she answers here
  Array.prototype.forEach.call(document.querySelectorAll('input[name="first"]'), function (el) {
    el.checked = el.value === (state.first || savedFirst);
    el.addEventListener("change", function () { state.first = el.value; save(); ask(); });
  });
  document.getElementById("timer-settings").addEventListener("submit", function (e) { e.preventDefault(); });

  window.addEventListener("storage", function (e) {
    if (e.key === KEY) { state = load(); drawList(); tick(); ask(); }
  });

  drawList();
  tick();
  ask();
  setInterval(tick, 1000);
})();
