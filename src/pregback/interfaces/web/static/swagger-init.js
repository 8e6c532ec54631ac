// Starts Swagger UI on /docs from files this server serves (no CDN, no inline script).
window.addEventListener("load", function () {
  var holder = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: holder.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // the default sends the document to a third-party validator
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
