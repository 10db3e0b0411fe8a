package io.cameraservice.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP against the service under test. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}

  public static HttpResponse<String> get(int port, String path) {
    try {
      return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    }
  }

  /** A GET with headers ({@code name, value} pairs), the body as bytes (downloads). */
  public static HttpResponse<byte[]> fetch(int port, String pathAndQuery, String... headers) {
    return send("GET", port, pathAndQuery, headers);
  }

  /** A HEAD with headers ({@code name, value} pairs). */
  public static HttpResponse<byte[]> head(int port, String pathAndQuery, String... headers) {
    return send("HEAD", port, pathAndQuery, headers);
  }

  /** Any method with headers ({@code name, value} pairs), the body as bytes (e.g. a CORS preflight). */
  public static HttpResponse<byte[]> send(String method, int port, String pathAndQuery, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(java.time.Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
    }
  }

  /** The value of one sample in the service's /metrics text, or 0 when absent. */
  public static double metric(int port, String sample) {
    return sample(get(port, "/metrics").body(), sample);
  }

  /** The value of one sample in a /metrics text (e.g. fetched over https), or 0 when absent. */
  public static double sample(String metricsText, String sample) {
    Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE)
        .matcher(metricsText);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
