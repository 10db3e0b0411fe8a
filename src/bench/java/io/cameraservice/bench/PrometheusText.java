package io.cameraservice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads figures out of the service's /metrics text. */
final class PrometheusText {

  private PrometheusText() {}

  /**
   * The upper bound of the histogram bucket holding quantile {@code q} of {@code name} (a {@code _seconds}
   * histogram without labels), in seconds; NaN when the histogram is empty or absent.
   */
  static double quantile(String text, String name, double q) {
    Pattern bucket = Pattern.compile("^" + Pattern.quote(name) + "_bucket\\{le=\"([^\"]+)\"\\} (\\S+)$",
        Pattern.MULTILINE);
    Matcher m = bucket.matcher(text);
    List<double[]> buckets = new ArrayList<>();
    while (m.find()) {
      double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
      buckets.add(new double[] {le, Double.parseDouble(m.group(2))});
    }
    if (buckets.isEmpty() || buckets.get(buckets.size() - 1)[1] == 0) {
      return Double.NaN;
    }
    double target = q * buckets.get(buckets.size() - 1)[1];
    for (double[] b : buckets) {
      if (b[1] >= target) {
        return b[0];
      }
    }
    return Double.NaN;
  }

  /** The value of a sample line ({@code name} including any labels), NaN when absent. */
  static double sample(String text, String name) {
    Matcher m = Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
