// Validates the OpenAPI document with @apidevtools/swagger-parser (an
// independent reader of OpenAPI 3), then checks what chiso's tests rely on:
// every operation has an operationId and an x-roles list of known roles.
// Usage: node validate.mjs path/to/openapi.json
import SwaggerParser from "@apidevtools/swagger-parser";

const path = process.argv[2];
const roles = new Set(["anonymous", "administrator", "coordinator", "reporter", "viewer"]);
try {
  const api = await SwaggerParser.validate(path);
  const problems = [];
  let operations = 0;
  for (const [route, item] of Object.entries(api.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!["get", "put", "post", "delete", "patch"].includes(method)) continue;
      operations++;
      const where = `${method.toUpperCase()} ${route}`;
      if (!operation.operationId) problems.push(`${where}: no operationId`);
      const allowed = operation["x-roles"];
      if (!Array.isArray(allowed) || allowed.length === 0) problems.push(`${where}: no x-roles`);
      else for (const role of allowed) if (!roles.has(role)) problems.push(`${where}: unknown role ${role}`);
    }
  }
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  console.log(`${path}: valid OpenAPI ${api.openapi}, ${operations} operations, each with x-roles`);
} catch (error) {
  console.error(`${path}: ${error.message}`);
  process.exit(1);
}
