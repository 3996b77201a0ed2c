// Starts the editor (Decap CMS, served beside this file) with the generated config.json: the
// site's own stylesheets in the preview, and the local backend's address when the page is
// opened as /admin/?lokal=<port> (without it Decap asks port 8081, where ./scripts/serve runs
// decap-server).
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;
  var waiting = 2; // Decap and our formats (formats.js, a module that imports the YAML library)
  ["decap-cms.js", "formats.js"].forEach(function (src) {
    var script = document.createElement("script");
    script.src = src;
    if (src === "formats.js") {
      script.type = "module";
    }
    script.onload = function () {
      waiting -= 1;
      if (!waiting) {
        start();
      }
    };
    document.body.appendChild(script);
  });

  function start() {
    var meta = document.querySelector('meta[name="trygg-preview-styles"]');
    JSON.parse(meta ? meta.content : "[]").forEach(function (href) {
      window.CMS.registerPreviewStyle(new URL(href, location.href).href);
    });
    Promise.all(["config.json", "sv.json"].map(function (file) {
      return fetch(file).then(function (response) { return response.json(); });
    })).then(function (files) {
      var config = files[0];
      // Decap's Swedish lacks some of its newer texts (buttons, screen reader labels): ours fill them in.
      window.CMS.registerLocale("sv", merged(window.CMS.getLocale("sv") || {}, files[1]));
      var port = new URLSearchParams(location.search).get("lokal");
      if (port && /^[0-9]{2,5}$/.test(port)) {
        config.local_backend = { url: "http://" + location.hostname + ":" + port + "/api/v1" };
      }
      relabel("image", JSON.parse(document.querySelector('meta[name="trygg-picture"]').content));
      config.load_config_file = false;
      config.collections.forEach(function (collection) {
        useOurFormat(collection);
        window.CMS.registerPreviewTemplate(collection.name, preview);
      });
      window.CMS.init({ config: config });
    });
  }

  // Each collection reads and writes its files with our format (formats.js), which keeps comments,
  // quotes and key order; its options ("trygg" in config.json, not a key Decap knows) go with it.
  function useOurFormat(collection) {
    var options = collection.trygg || {};
    delete collection.trygg;
    var fields = collection.files ? collection.files.map(function (file) { return file.fields; }) : collection.fields;
    var name = "trygg-" + collection.name;
    window.CMS.registerCustomFormat(name, collection.extension,
      window.TryggFormats.formatter(Object.assign({ fields: fields }, options)));
    collection.format = name;
    if (options.only_with) {
      collection.filter = { field: window.TryggFormats.KEYS, value: options.only_with };
    }
  }

  // The preview as the page will read: the site's layout classes (trygg.css, Material's
  // md-typeset) around the title, the lead, the facts, the programme and the text.
  var FACTS = ["datum", "tid", "plats", "målgrupp", "diarienummer", "status", "källa"];

  function preview(props) {
    var h = window.h;
    var data = props.entry.get("data");
    var fields = props.collection.get("fields") || props.collection.getIn(["files", 0, "fields"]);
    var value = function (key) {
      var found = data.get(key);
      return found === undefined || found === null || found === "" ? null : found;
    };
    var field = function (key) {
      return fields && fields.find(function (f) { return f.get("name") === key; });
    };
    var label = function (key) {
      return field(key) ? field(key).get("label") : key;
    };
    var facts = [];
    FACTS.filter(value).forEach(function (key) {
      facts.push(h("dt", { key: key + "-namn" }, label(key)), h("dd", { key: key }, String(value(key))));
    });
    var agenda = value("program");
    var items = agenda && agenda.size ? agenda.map(function (item, index) {
      var who = item.get("medverkande");
      return h("li", { key: index }, h("strong", null, String(item.get("tid") || "")), " ",
        String(item.get("rubrik") || ""), who && who.size ? " – " + who.join(", ") : "");
    }).toArray() : null;
    return h("div", { className: "md-container" }, h("main", { className: "md-main" },
      h("div", { className: "md-main__inner md-grid" }, h("div", { className: "md-content" },
        h("article", { className: "md-content__inner md-typeset" },
          h("h1", null, value("titel") || ""),
          value("sammanfattning") ? h("p", { className: "trygg-lead" }, value("sammanfattning")) : null,
          facts.length ? h("dl", { className: "trygg-facts trygg-facts--compact" }, facts) : null,
          items ? h("h2", { id: "program" }, label("program")) : null,
          items ? h("ul", null, items) : null,
          field("body") ? props.widgetFor("body") : null)))));
  }

  // Decap's picture dialogue, as it is, with labels in Swedish (Decap writes them in English).
  function relabel(id, labels) {
    var found = window.CMS.getEditorComponents().get(id);
    if (!found || !labels.label) {
      return;
    }
    window.CMS.registerEditorComponent({
      id: id, label: labels.label, pattern: found.pattern, fromBlock: found.fromBlock,
      toBlock: found.toBlock, toPreview: found.toPreview,
      fields: found.fields.toJS().map(function (field) {
        return Object.assign({}, field, { label: labels.fields[field.name] || field.label });
      })
    });
  }

  function merged(base, extra) {
    var result = Object.assign({}, base);
    Object.keys(extra).forEach(function (key) {
      var both = typeof base[key] === "object" && typeof extra[key] === "object";
      result[key] = both ? merged(base[key], extra[key]) : extra[key];
    });
    return result;
  }
})();
