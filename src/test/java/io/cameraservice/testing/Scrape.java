package io.cameraservice.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads one series from the service's {@code /metrics} (open to loopback clients). */
public final class Scrape {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Scrape() {}

  /** The value of {@code series} (name with labels as exposed, e.g. {@code x_total{scope="a"}}), or NaN if absent. */
  public static double value(int port, String series) {
    for (String line : text(port).split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]);
      }
    }
    return Double.NaN;
  }

  public static String text(int port) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new AssertionError("cannot scrape /metrics", e);
    }
  }
}
