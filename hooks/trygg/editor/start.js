// Starts the editor (Decap CMS, served beside this file) with the generated config.json: the
// site's own stylesheets in the preview, and the local backend's address when the page is
// opened as /admin/?lokal=<port> (without it Decap asks port 8081, where ./scripts/serve runs
// decap-server).
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;
  var script = document.createElement("script");
  script.src = "decap-cms.js";
  script.onload = function () {
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
      config.load_config_file = false;
      window.CMS.init({ config: config });
    });
  };
  document.body.appendChild(script);

  function merged(base, extra) {
    var result = Object.assign({}, base);
    Object.keys(extra).forEach(function (key) {
      var both = typeof base[key] === "object" && typeof extra[key] === "object";
      result[key] = both ? merged(base[key], extra[key]) : extra[key];
    });
    return result;
  }
})();
