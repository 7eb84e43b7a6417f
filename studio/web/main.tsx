import { render } from "preact";
import { App } from "./app.js";

const root = document.getElementById("studio");
if (root) {
  root.replaceChildren();
  render(<App />, root);
}
