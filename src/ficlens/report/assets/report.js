(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ficlens-data").textContent);
  var chars = data.characters;
  var tip = document.getElementById("tip");
  var story = document.querySelector("article.story");

  function who(id) { return id && chars[id] ? chars[id].name : (id || "unknown"); }
  function colour(id) { return id && chars[id] ? chars[id].colour : "#8a8a8a"; }
  function text(tag, value) { var el = document.createElement(tag); el.textContent = value; return el; }

  function showTip(q, event) {
    var d = q.dataset;
    tip.textContent = "";
    if (d.t === "not speech") {
      tip.appendChild(text("span", "Quoted text, not speech"));
    } else {
      var sw = document.createElement("span");
      sw.className = "sw"; sw.style.background = colour(d.s);
      tip.appendChild(sw);
      tip.appendChild(text("b", who(d.s)));
      if (d.a) { tip.appendChild(document.createTextNode(" → " + who(d.a))); }
      var parts = [];
      if (d.t) { parts.push(d.t); }
      if (d.c) { parts.push("confidence " + Math.round(parseFloat(d.c) * 100) + "%"); }
      if (parts.length) { tip.appendChild(document.createElement("br")); tip.appendChild(text("span", parts.join(" · "))); }
    }
    tip.classList.add("show");
    moveTip(event);
  }
  function moveTip(event) {
    var x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    var y = event.clientY + 18;
    if (y + tip.offsetHeight > window.innerHeight - 8) { y = event.clientY - tip.offsetHeight - 12; }
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  if (story) {
    story.addEventListener("mouseover", function (e) {
      var q = e.target.closest(".q");
      if (q) { showTip(q, e); }
    });
    story.addEventListener("mousemove", function (e) { if (tip.classList.contains("show")) { moveTip(e); } });
    story.addEventListener("mouseout", function (e) {
      var q = e.target.closest(".q");
      if (q && !q.contains(e.relatedTarget)) { tip.classList.remove("show"); }
    });
  }

  document.querySelectorAll(".toggles input[data-char]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll("svg.arc .carc").forEach(function (path) {
        if (path.dataset.char === box.dataset.char) { path.classList.toggle("on", box.checked); }
      });
    });
  });

  document.querySelectorAll(".more-btn").forEach(function (button) {
    button.addEventListener("click", function () {
      var more = button.parentNode.querySelector("tbody.more");
      more.hidden = !more.hidden;
      button.textContent = more.hidden ? "Show " + button.dataset.more + " more" : "Show fewer";
    });
  });

  // Click a character row: light up that character's lines in the story, dim the rest.
  var selected = null;
  document.querySelectorAll("tr.char").forEach(function (row) {
    row.addEventListener("click", function () {
      var id = row.dataset.char;
      document.querySelectorAll("tr.char.selected").forEach(function (r) { r.classList.remove("selected"); });
      document.querySelectorAll(".q.lit").forEach(function (q) { q.classList.remove("lit"); });
      if (!story) { return; }
      if (selected === id) { selected = null; story.classList.remove("focusing"); return; }
      selected = id;
      row.classList.add("selected");
      story.classList.add("focusing");
      story.querySelectorAll(".q").forEach(function (q) { if (q.dataset.s === id) { q.classList.add("lit"); } });
    });
  });
})();
