// Bootstrap of a fuzz worker thread: registers tsx so that the worker and the
// spec files (TypeScript) load, then runs worker.ts. The package itself is
// imported from dist/ (JavaScript), never from src/.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
