/* trygg: the site's own scripts, no third-party code.
 * - the search (Pagefind, fetched from this site in small chunks, and the site's own vocabulary
 *   files beside it) as a list of results under the field and on the search page /sok/?q=…: stop
 *   words left out, typos and aa/ae/oe read as the site's words, the pages with most of the words
 *   when none has all, "Menade du …?" when none has any, abbreviations' register page first;
 * - the "Meny" button that opens Material's navigation drawer on small screens;
 * - "Kopiera länk" copying the page address (a plain link to the page without the script);
 * - collapsed notes of a meeting opened when a link leads to them;
 * - scroll boxes of tables in raw HTML made reachable by keyboard (Markdown tables get a focusable
 *   region at build time: trygg.markdown_html).
 * Everything here is an enhancement: reading and navigating work without it. */
(function () {
  "use strict";

  var SHOWN = 8;

  /* Every text the script shows or speaks comes from the site's text catalogue (trygg/texts/sv.po,
     reworded in content/texter.yml): the theme writes them into each page as a JSON block keyed
     like the catalogue (trygg.texts.SCRIPT_TEXTS), with the placeholders the script fills left in:
     {sökning} a query, {antal} a number, {förslag} a suggested query (shown as a link). No copy of
     the wording lives here: on a page without the block nothing that needs words is set up, and
     the plain search form, the plain link and the unnamed table stay as they work without us. */
  var TEXT = readTexts();

  function readTexts() {
    var block = document.getElementById("trygg-texts");
    if (!block) return null;
    try { return JSON.parse(block.textContent); } catch (error) { return null; }
  }

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
    item.appendChild(el("p", "trygg-result__type", data.meta.typ || TEXT["sök.sida"]));
    item.appendChild(heading);
    item.appendChild(excerptNode(readableExcerpt(data)));
    return item;
  }

  /* A text with its placeholders filled; one it is not given stays as written. */
  function say(template, values) {
    return template.replace(/\{([^{}]+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function countText(count, query) {
    var key = count === 0 ? "sök.inga_träffar" : count === 1 ? "sök.en_träff" : "sök.träffar";
    return say(TEXT[key], { "antal": count, "sökning": query });
  }

  /* --- Words: what a resident typed, read the way the site writes it -------------------------
     The vocabulary files (trygg.search_vocabulary, written beside Pagefind's index at build
     time) list the words the site uses, one file per first letter, most used first. A word the
     site does not use is read as the site's word when one is close: "hemloeshet" as "hemlöshet"
     (aa/ae/oe for å/ä/ö), "Sandvgen" as "Sandvägen" (one edit off for words of four to seven
     letters, two for longer ones; a shorter word only gets "Menade du …?", its neighbours are too many).
     Pagefind would otherwise match it by the longest indexed word it starts with ("hem"). */

  /* Question words and other small words: left out of a query unless nothing else is left, so
     they never veto a page. Spelled without å/ä/ö too where that is no other word ("ar" is år). */
  var STOP_WORDS = {};
  ("alla allt att av blev bli blir de dem den denna deras dess dessa det detta dig din dina ditt du där dar " +
   "efter eller en er ett finns fram från fran få får för for gör göra ha hade han hans har heter hon hur här " +
   "i in inom inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu när nar någon " +
   "nagon något nagot några nagra och om oss på pa samma sig sin sina ska skall skulle som står star så sådan " +
   "till under upp ut utan vad var vara varför varfor varit vars vem vems vi vid vilka vilken vilket vill " +
   "åt än är över betyder").split(" ").forEach(function (word) { STOP_WORDS[word] = true; });

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function foldAscii(word) {  /* aa, ae, oe typed for å, ä, ö: folded as those are */
    return fold(word).replace(/aa/g, "a").replace(/ae/g, "a").replace(/oe/g, "o");
  }

  function isStopWord(word) {
    if (word.length > 1 && word === word.toUpperCase()) return false;  /* "SKA" is an abbreviation */
    return STOP_WORDS[word.toLowerCase()] === true;
  }

  function queryWords(query) {
    return query.split(/\s+/).map(function (word) {
      return word.replace(/^[”“"'(«]+|[”“"'),.;:!?»]+$/g, "");
    }).filter(Boolean);
  }

  /* Optimal string alignment distance (a swapped pair of letters is one edit), or max + 1. With
     `prefix`, the distance to the closest start of `b`: Pagefind matches a word by its start. */
  function distance(a, b, max, prefix) {
    if (!prefix && Math.abs(a.length - b.length) > max) return max + 1;
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var low = max + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        if (d < low) low = d;
      }
      if (low > max) return { d: max + 1 };
    }
    if (!prefix) return { d: rows[a.length][b.length], word: b };
    var best = { d: max + 1 };
    for (j = Math.max(1, a.length - max); j <= Math.min(b.length, a.length + max); j++) {
      if (rows[a.length][j] <= best.d) best = { d: rows[a.length][j], word: b.slice(0, j) };  /* the longest */
    }
    if (best.d === rows[a.length][b.length]) best.word = b;  /* the whole word when it is as close */
    return best;
  }

  function commonStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  function Vocabulary(base) {
    this.base = base; this.letters = {}; this.abbreviationPages = null;
  }

  Vocabulary.prototype.letter = function (letter) {
    if (!this.letters[letter]) {
      this.letters[letter] = fetch(this.base + "ord-" + letter + ".json", { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; })
        .then(function (words) { return { words: words, folded: words.map(fold) }; });
    }
    return this.letters[letter];
  };

  Vocabulary.prototype.abbreviations = function () {
    if (!this.abbreviationPages) {
      this.abbreviationPages = fetch(this.base + "forkortningar.json", { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; });
    }
    return this.abbreviationPages;
  };

  /* Endings of Swedish inflections: two words that differ only in these share a stem, and
     Pagefind's stemmer finds the one for the other ("vandringen", "vandringar"; "kommunens"). */
  var ENDINGS = {};
  " a e n s t r en et er ar or na ne ns ts rs es as ad at it ens ets ers ars ors ade ande ende arna erna orna ena arnas ernas ornas"
    .split(" ").forEach(function (ending) { ENDINGS[ending] = true; });

  /* The site's spelling of a word it uses, as Pagefind matches it: the start of a word of the site
     ("hemlös" of "hemlöshet"; `match` "start"), another inflection of the same stem ("stem": both),
     or only a whole word or an inflection ("word"); null if none. */
  function spelling(list, folded, match) {
    for (var at = 0; at < list.folded.length; at++) {
      var word = list.folded[at], common = commonStart(word, folded);
      if (common === folded.length && (match !== "word" || common === word.length)) return list.words[at].slice(0, common);
      if (match !== "start" && common >= 3 && ENDINGS[folded.slice(common)] && ENDINGS[word.slice(common)]) {
        return list.words[at].slice(0, common) + folded.slice(common);
      }
    }
    return null;
  }

  /* The site's word closest to `word` within `max` edits (aa/ae/oe read as å/ä/ö), most used
     first among equals; long words may match the start of a word (Pagefind matches prefixes). */
  function closest(list, word, max) {
    var typed = fold(word), ascii = foldAscii(word), prefix = typed.length >= 7, best = { d: max + 1 };
    list.folded.forEach(function (candidate, at) {
      if (candidate === typed) return;
      [typed, ascii].forEach(function (form) {
        var found = distance(form, candidate, max, prefix);
        var start = commonStart(form, candidate);  /* among equals, the one that starts alike: Essén, not egen */
        if (found.d < best.d || (found.d === best.d && found.d <= max && start > best.start)) {
          best = { d: found.d, start: start, word: list.words[at].slice(0, found.word.length) };
        }
      });
    });
    return best.d <= max ? best.word : null;
  }

  function checkable(word) {
    var first = fold(word).charAt(0);
    return fold(word).length >= 3 && !/\d/.test(word) && first >= "a" && first <= "z" ? first : null;
  }

  /* The word to search for instead of `word`: its Swedish spelling, or its closest neighbour (see
     above); the word itself when the site uses it or nothing is close. */
  Vocabulary.prototype.reading = function (word) {
    var letter = checkable(word);
    if (!letter) return Promise.resolve(word);
    return this.letter(letter).then(function (list) {
      if (!list.words.length || spelling(list, fold(word), "start") !== null) return word;
      var swedish = /aa|ae|oe/i.test(word) ? spelling(list, foldAscii(word), "word") : null;
      if (swedish) return swedish;  /* before inflections: "skolgaarden" is "skolgården", not "skolgaard" + "-en" */
      if (spelling(list, fold(word), "stem") !== null) return word;
      var letters = fold(word).length;
      return (letters >= 4 && closest(list, word, letters >= 8 ? 2 : 1)) || word;
    });
  };

  /* "Menade du …?": the site's closest word within two edits (one for words of three or four letters). */
  Vocabulary.prototype.suggestion = function (word) {
    var letter = checkable(word);
    if (!letter) return Promise.resolve(null);
    return this.letter(letter).then(function (list) {
      return closest(list, word, fold(word).length <= 4 ? 1 : 2);
    });
  };

  /* --- Searching: never "Inga träffar" while the site has pages with the words ----------------
     1. Stop words ("vem", "för", "i") are left out, so a question finds what its other words find.
     2. Words the site does not use are read as the site's words (Vocabulary.reading).
     3. All words together; if no page has them all, the pages with most of them ("Visar sidor med
        några av orden"); if none has any, "Menade du …?" with the closest words that find pages.
     4. A query that is a registered abbreviation puts its register page first. */
  function Finder(pagefind, vocabulary) {
    this.pagefind = pagefind; this.vocabulary = vocabulary;
  }

  Finder.prototype.find = function (query, suggest) {
    var self = this, words = queryWords(query);
    if (/^\s*".+"\s*$/.test(query)) {  /* "a phrase in quotes": Pagefind's exact search, as typed */
      return this.pagefind.search(query).then(function (search) { return { results: search.results }; });
    }
    var content = words.filter(function (word) { return !isStopWord(word); });
    if (!content.length) content = words;
    if (!content.length) return Promise.resolve({ results: [] });
    return Promise.all(content.map(function (word) { return self.vocabulary.reading(word); })).then(function (read) {
      var changed = read.some(function (word, at) { return word !== content[at]; });
      var found = { results: [], searched: changed ? replaced(words, content, read) : null };
      return self.pagefind.search(read.join(" ")).then(function (search) {
        found.results = search.results;
        if (found.results.length || read.length < 2) return found;
        return self.someOfTheWords(read).then(function (results) {
          found.results = results; found.partial = results.length > 0;
          return found;
        });
      }).then(function (found) {
        if (found.results.length) return self.abbreviationFirst(content, found);
        return suggest ? self.suggest(words, content, found) : found;
      });
    });
  };

  /* The typed words with those read otherwise replaced: "fritids och folkhälsoförvaltningen". */
  function replaced(words, content, read) {
    var next = 0;
    return words.map(function (word) {
      if (next < content.length && word === content[next]) return read[next++];
      return word;
    }).join(" ");
  }

  /* Each word on its own; pages with more of the words first, then those with the rarer words
     ("kronängsparken" on 2 pages says more than "ligger" on 8), then by Pagefind's score, each
     word's scores scaled to its best so that no single word outweighs the others. */
  Finder.prototype.someOfTheWords = function (words) {
    var self = this;
    return Promise.all(words.map(function (word) { return self.pagefind.search(word); })).then(function (searches) {
      var pages = {};
      searches.forEach(function (search) {
        var rarity = 1 / Math.log(2 + search.results.length);
        var best = Math.max.apply(null, search.results.map(function (result) { return result.score; }).concat([1e-9]));
        search.results.forEach(function (result) {
          var page = pages[result.id] || (pages[result.id] = { result: result, words: 0, rarity: 0, score: 0 });
          page.words += 1; page.rarity += rarity; page.score += result.score / best;
        });
      });
      return Object.keys(pages).map(function (id) { return pages[id]; }).sort(function (a, b) {
        return b.words - a.words || b.rarity - a.rarity || b.score - a.score;
      }).map(function (page) { return page.result; });
    });
  };

  Finder.prototype.abbreviationFirst = function (content, found) {
    var self = this;
    if (content.length !== 1) return Promise.resolve(found);
    return this.vocabulary.abbreviations().then(function (abbreviations) {
      var ids = abbreviations[content[0].toLowerCase()];
      if (!ids) return found;
      return self.pagefind.search(content[0]).then(function (search) {
        var first = ids.map(function (id) {
          return search.results.filter(function (result) { return result.id === id; })[0];
        }).filter(Boolean);
        var rest = found.results.filter(function (result) { return ids.indexOf(result.id) < 0; });
        found.results = first.concat(rest);
        return found;
      });
    });
  };

  Finder.prototype.suggest = function (words, content, found) {
    var self = this;
    return Promise.all(content.map(function (word) { return self.vocabulary.suggestion(word); })).then(function (close) {
      if (!close.some(Boolean)) return found;
      var suggestion = replaced(words, content, content.map(function (word, at) { return close[at] || word; }));
      return self.find(suggestion, false).then(function (check) {
        if (check.results.length) found.suggestion = suggestion;
        return found;
      });
    });
  };

  function Search(form, target, status, shown) {
    this.form = form; this.target = target; this.status = status; this.shown = shown;
    this.finder = null; this.serial = 0;
  }

  Search.prototype.load = function () {
    if (!this.finder) {
      var url = new URL(this.form.getAttribute("data-pagefind"), document.baseURI).href;
      var vocabulary = new Vocabulary(new URL("trygg/", url).href);
      this.finder = import(url).then(function (pagefind) {
        pagefind.options({ excerptLength: 24 });
        return pagefind.init().then(function () { return new Finder(pagefind, vocabulary); });
      });
    }
    return this.finder;
  };

  Search.prototype.run = function (query) {
    var self = this, serial = ++this.serial;
    query = query.trim();
    if (!query) { self.render(null, query); return Promise.resolve(); }
    return this.load().then(function (finder) {
      return finder.find(query, true);
    }).then(function (found) {
      if (serial !== self.serial) return null;
      var top = found.results.slice(0, self.shown);
      return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
        found.total = found.results.length; found.data = data;
        if (serial === self.serial) self.render(found, query);
      });
    }).catch(function () {
      self.status.textContent = TEXT["sök.kunde_inte_laddas"];
    });
  };

  /* The lines above the results: what was found for what, and how the query was read. */
  Search.prototype.summary = function (found, query) {
    var shownQuery = found.searched || query;
    var first = found.partial ? say(TEXT["sök.inte_alla_ord"], { "sökning": shownQuery }) : countText(found.total, shownQuery);
    if (found.searched) {  /* before the line's full stop: "3 träffar för ”hemlöshet” (du skrev ”hemloeshet”)." */
      var typed = say(TEXT["sök.du_skrev"], { "sökning": query });
      first = /\.$/.test(first) ? first.replace(/\.$/, " " + typed + ".") : first + " " + typed;
    }
    return found.partial ? first + " " + TEXT["sök.några_av_orden"] : first;
  };

  Search.prototype.render = function (found, query) {
    var self = this;
    this.target.textContent = "";
    if (!found) { this.target.hidden = true; this.status.textContent = ""; return; }
    var summary = this.summary(found, query);
    this.target.appendChild(el("p", "trygg-search__count", summary));
    if (found.suggestion) {
      var parts = TEXT["sök.menade_du"].split("{förslag}");
      var offer = el("p", "trygg-search__suggestion", parts[0]);
      var link = el("a", null, found.suggestion);
      link.href = this.form.action + "?q=" + encodeURIComponent(found.suggestion);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        self.searchFor(found.suggestion);
      });
      offer.appendChild(link);
      offer.appendChild(document.createTextNode(parts.slice(1).join(found.suggestion)));
      this.target.appendChild(offer);
      summary += " " + say(TEXT["sök.menade_du"], { "förslag": found.suggestion });
    }
    if (found.data.length) {
      var list = el("ol", "trygg-results");
      list.setAttribute("aria-label", TEXT["sök.resultat"]);
      found.data.forEach(function (data) { list.appendChild(resultItem(data)); });
      this.target.appendChild(list);
    }
    if (found.total > found.data.length && this.shown === SHOWN) {
      var more = el("a", "trygg-search__more", say(TEXT["sök.visa_alla"], { "antal": found.total }));
      more.href = this.form.action + "?q=" + encodeURIComponent(query);
      this.target.appendChild(more);
    }
    this.target.hidden = false;
    this.status.textContent = summary;
  };

  /* "Menade du …?" clicked: the suggestion goes into the field and is searched, in one click. */
  Search.prototype.searchFor = function (query) {
    var input = this.form.querySelector("input[type=search]");
    input.value = query;
    if (this.shown !== SHOWN && window.history.replaceState) {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    }
    input.focus();
    return this.run(query);
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
          if (status) status.textContent = TEXT["sida.länken_kopierad"];
        });
      });
    });
  }

  if (TEXT) {
    document.querySelectorAll("[data-trygg-search]").forEach(setUpHeaderSearch);
    var page = document.querySelector("[data-trygg-search-page]");
    if (page) setUpSearchPage(page);
    setUpCopyLinks();
  }
  var menu = document.querySelector(".trygg-menu-button");
  if (menu) setUpMenu(menu);
  /* A link to collapsed notes (#anteckningar-1310) or a chart's part (#lokal-samverkan, its
     heading in the contents) opens them: the browser reveals only what lies inside a closed
     <details>, not the <details> the address names. */
  function openLinkedDetails() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest("details");
    if (details) {
      details.open = true;
      target.scrollIntoView();
    }
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
    if (!TEXT) return;  /* a region needs its name */
    /* all widths first, then all attributes: a read after each write would lay the page out anew */
    var boxes = Array.prototype.filter.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (box) {
      return box.scrollWidth > box.clientWidth;
    });
    boxes.forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", TEXT["sida.tabell_i_sidled"]);
    });
  });
})();
