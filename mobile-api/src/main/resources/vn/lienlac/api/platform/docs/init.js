// The contract this server validates requests against; nothing is loaded from elsewhere.
window.ui = SwaggerUIBundle({
  url: "/api/v1/openapi.yaml",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout",
  validatorUrl: null
});
