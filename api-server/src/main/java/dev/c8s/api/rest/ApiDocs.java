package dev.c8s.api.rest;

/** Media types, schema names and examples shared by the OpenAPI annotations of the resources. */
final class ApiDocs {
  static final String JSON = "application/json";
  static final String PROBLEM = "application/problem+json";

  static final String CONFIG_EXAMPLE =
      """
      {"apiVersion":"c8s.dev/v1alpha1","kind":"PipelineConfig",\
      "metadata":{"name":"webapp"},\
      "spec":{"repository":"https://github.com/example/webapp.git","branches":["main","release/*"],\
      "steps":[{"name":"test","image":"golang:1.22","commands":["go test ./..."]},\
      {"name":"build","image":"golang:1.22","commands":["go build -o dist/app ."],\
      "dependsOn":["test"],"artifacts":["dist/*"]}],"timeout":"1h",\
      "matrix":{"dimensions":{"go":["1.21","1.22"]}}}}""";

  static final String CONNECTION_EXAMPLE =
      """
      {"apiVersion":"c8s.dev/v1alpha1","kind":"RepositoryConnection",\
      "metadata":{"name":"webapp"},\
      "spec":{"repository":"https://github.com/example/webapp.git","provider":"github",\
      "webhookSecretRef":"webapp-webhook","pipelineConfigRef":"webapp"}}""";

  static final String RUN_EXAMPLE =
      """
      {"apiVersion":"c8s.dev/v1alpha1","kind":"PipelineRun",\
      "metadata":{"name":"webapp-x7k2p","namespace":"team-a",\
      "labels":{"c8s.dev/pipeline-config":"webapp"}},\
      "spec":{"pipelineConfigRef":"webapp","commit":"4f2a9c1e","branch":"main",\
      "triggeredBy":"system:serviceaccount:team-a:ci"},\
      "status":{"phase":"Running","steps":[{"name":"test","phase":"Succeeded","exitCode":0,\
      "logURL":"s3://c8s-logs/team-a/webapp-x7k2p/test.log"},{"name":"build","phase":"Running",\
      "jobName":"webapp-x7k2p-build"}]}}""";

  static final String RUN_LIST_EXAMPLE =
      "{\"apiVersion\":\"c8s.dev/v1alpha1\",\"kind\":\"PipelineRunList\","
          + "\"metadata\":{\"continue\":\"c8s1.eyJwYWdlU2l6ZSI6MjUwLCJza2lwIjoyfQ\"},\"items\":["
          + RUN_EXAMPLE
          + "]}";

  static final String TRIGGER_EXAMPLE =
      "{\"commit\":\"4f2a9c1e7b\",\"branch\":\"main\",\"matrix\":[{\"go\":\"1.22\"}]}";

  static final String PROBLEM_404 =
      """
      {"type":"https://c8s.dev/problems/not-found","title":"Not Found","status":404,\
      "detail":"PipelineConfig \\"webapp\\" not found in namespace team-a",\
      "instance":"/api/v1/namespaces/team-a/pipelineconfigs/webapp"}""";

  static final String PROBLEM_409 =
      """
      {"type":"https://c8s.dev/problems/conflict","title":"Conflict","status":409,\
      "detail":"PipelineRun \\"webapp-x7k2p\\" has already ended (Succeeded); it cannot be\
       cancelled","instance":"/api/v1/namespaces/team-a/pipelineruns/webapp-x7k2p/cancel"}""";

  static final String PROBLEM_422 =
      """
      {"type":"https://c8s.dev/problems/unprocessable-content","title":"Unprocessable Content",\
      "status":422,"detail":"PipelineConfig is invalid: 1 problem",\
      "instance":"/api/v1/namespaces/team-a/pipelineconfigs",\
      "errors":[{"field":"spec.steps[1].dependsOn[0]","message":"step \\"build\\" depends on\
       \\"tset\\", which is not a step of this pipeline","expectedType":"name of another step",\
      "actualValue":"tset"}]}""";

  static final String PROBLEM_415 =
      """
      {"type":"https://c8s.dev/problems/unsupported-media-type","title":"Unsupported Media Type",\
      "status":415,"detail":"unsupported content type; send application/json",\
      "instance":"/api/v1/namespaces/team-a/pipelineconfigs"}""";

  private ApiDocs() {}
}
