/* Säker och trygg kommun: the site's own scripts, no third-party code.
 * - the search (Pagefind, fetched from this site in small chunks) as a list of results under the
 *   field and on the search page /sok/?q=…;
 * - the "Meny" button that opens Material's navigation drawer on small screens;
 * - "Kopiera länk" copying the page address (a plain link to the page without the script);
 * - collapsed notes of a meeting opened when a link leads to them;
 * - scroll boxes of tables in raw HTML made reachable by keyboard (Markdown tables get a focusable
 *   region at build time: trygg.markdown_html).
 * Everything here is an enhancement: reading and navigating work without it. */
(function () {
  "use strict";

  var SHOWN = 8;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* Pagefind's excerpt is HTML-escaped text with <mark> around matches: keep only those marks. */
  function excerptNode(excerpt) {
    var p = el("p", "trygg-result__excerpt");
    var parts = excerpt.split(/(<mark>|<\/mark>)/);
    var marked = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      var text = document.createElement("textarea");
      text.innerHTML = part;  /* decodes &amp; and friends without running anything */
      var node = document.createTextNode(text.value);
      if (marked) { var mark = el("mark"); mark.appendChild(node); p.appendChild(mark); }
      else p.appendChild(node);
    });
    return p;
  }

  /* trygg.compounds adds the parts of a page's compound words to the text Pagefind indexes, after
     this mark ("⁂ vandringar …"). Pagefind's own excerpt can fall among them, so on such a page
     the excerpt is built here from the page's own words before the mark, around the words Pagefind
     matched (data.locations count words of data.content). A match in the parts is shown where its
     compound stands in the text: "vandring" marks "trygghetsvandringar". */
  var PARTS_MARK = "\u2042";
  var EXCERPT_WORDS = 24;

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function readableExcerpt(data) {
    var words = (data.content || "").split(/\s+/);
    var end = words.indexOf(PARTS_MARK);
    if (end < 0) return data.excerpt || "";
    var marked = {}, matched = [];
    (data.locations || []).forEach(function (at) {
      if (at < end) { marked[at] = true; matched.push(at); return; }
      var part = (words[at] || "").replace(/[.,;:!?]+$/, "").toLowerCase();  /* "vandringar." ends the run */
      if (!part) return;
      for (var i = 0; i < end; i++) {
        if (words[i].toLowerCase().indexOf(part) >= 0) { marked[i] = true; matched.push(i); }
      }
    });
    /* the window of EXCERPT_WORDS words that holds the most marked words, starting near one */
    var best = 0, bestCount = -1;
    matched.sort(function (a, b) { return a - b; }).forEach(function (at) {
      var start = Math.max(0, Math.min(at - 6, end - EXCERPT_WORDS)), count = 0;
      for (var i = start; i < Math.min(end, start + EXCERPT_WORDS); i++) if (marked[i]) count++;
      if (count > bestCount) { best = start; bestCount = count; }
    });
    var html = [];
    for (var i = best; i < Math.min(end, best + EXCERPT_WORDS); i++) {
      html.push(marked[i] ? "<mark>" + escapeHtml(words[i]) + "</mark>" : escapeHtml(words[i]));
    }
    return html.join(" ");
  }

  function resultItem(data) {
    var item = el("li", "trygg-result");
    var link = el("a", "trygg-result__link", data.meta.title || data.url);
    link.href = data.url;
    var heading = el("p", "trygg-result__title");
    heading.appendChild(link);
    item.appendChild(el("p", "trygg-result__type", data.meta.typ || "Sida"));
    item.appendChild(heading);
    item.appendChild(excerptNode(readableExcerpt(data)));
    return item;
  }

  function countText(count, query) {
    if (count === 0) return "Inga träffar för ”" + query + "”.";
    if (count === 1) return "1 träff för ”" + query + "”.";
    return count + " träffar för ”" + query + "”.";
  }

  function Search(form, target, status, shown) {
    this.form = form; this.target = target; this.status = status; this.shown = shown;
    this.pagefind = null; this.serial = 0;
  }

  Search.prototype.load = function () {
    if (!this.pagefind) {
      var url = new URL(this.form.getAttribute("data-pagefind"), document.baseURI).href;
      this.pagefind = import(url).then(function (pagefind) {
        pagefind.options({ excerptLength: 24 });
        return pagefind.init().then(function () { return pagefind; });
      });
    }
    return this.pagefind;
  };

  Search.prototype.run = function (query) {
    var self = this, serial = ++this.serial;
    query = query.trim();
    if (!query) { self.render(null, query); return Promise.resolve(); }
    return this.load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (search) {
      if (serial !== self.serial) return null;
      var top = search.results.slice(0, self.shown);
      return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
        if (serial === self.serial) self.render({ total: search.results.length, data: data }, query);
      });
    }).catch(function () {
      self.status.textContent = "Sökningen kunde inte laddas. Försök igen om en stund.";
    });
  };

  Search.prototype.render = function (found, query) {
    this.target.textContent = "";
    if (!found) { this.target.hidden = true; this.status.textContent = ""; return; }
    var heading = el("p", "trygg-search__count", countText(found.total, query));
    this.target.appendChild(heading);
    if (found.data.length) {
      var list = el("ol", "trygg-results");
      list.setAttribute("aria-label", "Sökresultat");
      found.data.forEach(function (data) { list.appendChild(resultItem(data)); });
      this.target.appendChild(list);
    }
    if (found.total > found.data.length && this.shown === SHOWN) {
      var more = el("a", "trygg-search__more", "Visa alla " + found.total + " träffar");
      more.href = this.form.action + "?q=" + encodeURIComponent(query);
      this.target.appendChild(more);
    }
    this.target.hidden = false;
    this.status.textContent = countText(found.total, query);
  };

  function setUpHeaderSearch(form) {
    var input = form.querySelector("input[type=search]");
    var search = new Search(form, form.querySelector("[data-trygg-results]"), form.querySelector("[role=status]"), SHOWN);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search.run(input.value); }, 150);
    });
    input.addEventListener("focus", function () { search.load(); });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { search.render(null, ""); input.focus(); }
    });
    return search;
  }

  function setUpSearchPage(page) {
    var form = document.querySelector("[data-trygg-search]");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var search = new Search(form, page.querySelector("[data-trygg-results]"), page.querySelector("[role=status]"), 50);
    if (form) form.querySelector("input[type=search]").value = query;
    if (query) search.run(query);
  }

  function setUpMenu(button) {
    var drawer = document.getElementById("__drawer");
    if (!drawer) return;
    button.hidden = false;
    var sync = function () { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    button.addEventListener("click", function () { drawer.click(); sync(); });
    drawer.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) { drawer.click(); sync(); button.focus(); }
    });
  }

  function setUpCopyLinks() {
    document.querySelectorAll("[data-trygg-copy]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!navigator.clipboard) return;  /* the plain link stays: the browser can copy it */
        event.preventDefault();
        navigator.clipboard.writeText(link.href).then(function () {
          var status = document.getElementById("trygg-share-status");
          if (status) status.textContent = "Länken är kopierad.";
        });
      });
    });
  }

  document.querySelectorAll("[data-trygg-search]").forEach(setUpHeaderSearch);
  var page = document.querySelector("[data-trygg-search-page]");
  if (page) setUpSearchPage(page);
  var menu = document.querySelector(".trygg-menu-button");
  if (menu) setUpMenu(menu);
  setUpCopyLinks();
  /* A link to collapsed notes (#anteckningar-1310) opens them: the browser reveals only what lies
     inside a closed <details>, not the <details> the address names. */
  function openLinkedDetails() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  openLinkedDetails();
  window.addEventListener("hashchange", openLinkedDetails);
  document.querySelectorAll("[data-trygg-print]").forEach(function (button) {
    button.hidden = false;  /* without the script the browser's own print command remains */
    button.addEventListener("click", function () { window.print(); });
  });
  /* Material wraps tables in a scroll box on DOMContentLoaded; a box that really scrolls must be
     reachable by keyboard (WCAG 2.1.1), so it becomes a named, focusable region once loaded. */
  window.addEventListener("load", function () {
    /* all widths first, then all attributes: a read after each write would lay the page out anew */
    var boxes = Array.prototype.filter.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (box) {
      return box.scrollWidth > box.clientWidth;
    });
    boxes.forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabell, rulla i sidled");
    });
  });
})();
