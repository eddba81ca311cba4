package dev.c8s.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

/** A session of the reference MCP Java client with the api-server, as one Kubernetes identity. */
final class McpSession implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final McpSyncClient client;

  private McpSession(McpSyncClient client) {
    this.client = client;
  }

  /** Connects to {@code base}/mcp sending {@code token} as the bearer token (none when null). */
  static McpSession open(URL base, String token) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(base.toString())
            .endpoint("/mcp")
            .httpRequestCustomizer(
                (request, method, uri, body, context) -> {
                  if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                  }
                })
            .build();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(30))
            .clientInfo(new McpSchema.Implementation("c8s-tests", "1"))
            .build();
    client.initialize();
    return new McpSession(client);
  }

  McpSchema.ListToolsResult tools() {
    return client.listTools();
  }

  /** Calls {@code tool}; the result's text, which must not be an error. */
  JsonNode call(String tool, Map<String, Object> arguments) {
    McpSchema.CallToolResult result =
        client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    assertThat(result.isError()).as("%s failed: %s", tool, text(result)).isNotEqualTo(Boolean.TRUE);
    try {
      return JSON.readTree(text(result));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Calls {@code tool}, which must fail; the error text the agent reads. */
  String refused(String tool, Map<String, Object> arguments) {
    McpSchema.CallToolResult result =
        client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    assertThat(result.isError()).as("%s should fail: %s", tool, text(result)).isTrue();
    return text(result);
  }

  private static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .filter(McpSchema.TextContent.class::isInstance)
        .map(c -> ((McpSchema.TextContent) c).text())
        .reduce("", String::concat);
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}
