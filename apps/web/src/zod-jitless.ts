import { z } from "zod";

// The server's Content-Security-Policy allows no eval; zod would otherwise probe `new Function`
// (a policy violation in the console) when its first object schema is built. Imported first.
z.config({ jitless: true });
