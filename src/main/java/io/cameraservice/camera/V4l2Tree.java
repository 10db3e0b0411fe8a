package io.cameraservice.camera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the V4L2 device tree under configurable roots: {@code <sys>/class/video4linux/videoN} (name, index, and the
 * {@code device} link that ties the nodes of one physical camera together), {@code <dev>/videoN} and
 * {@code <dev>/v4l/by-id}. One node per physical device is kept: the one with the lowest {@code index}, which is
 * the capture node (the others carry metadata). Blocking: runs on the file-system pool.
 */
final class V4l2Tree {

  private static final Pattern VIDEO = Pattern.compile("^video(\\d+)$");

  /**
   * One capture node.
   *
   * @param stableKey the by-id name when udev made one, else the sysfs device path, else the node name
   */
  record Node(int number, String label, Path devicePath, String stableKey) {}

  private final Path classDir;
  private final Path devRoot;

  V4l2Tree(Path sysRoot, Path devRoot) {
    this.classDir = sysRoot.resolve("class").resolve("video4linux");
    this.devRoot = devRoot;
  }

  List<Node> scan() throws IOException {
    if (!Files.isDirectory(classDir)) {
      return List.of();
    }
    Map<String, String> byId = byIdNames();
    record Candidate(Node node, String group, int index) {}
    Map<String, Candidate> perDevice = new LinkedHashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(classDir)) {
      for (Path entry : entries) {
        Matcher m = VIDEO.matcher(entry.getFileName().toString());
        Path devicePath = devRoot.resolve(entry.getFileName().toString());
        if (!m.matches() || !Files.exists(devicePath)) {
          continue;
        }
        int number = Integer.parseInt(m.group(1));
        String group = deviceGroup(entry);
        String key = byId.getOrDefault(entry.getFileName().toString(), group);
        String label = read(entry.resolve("name"), "Video device " + number);
        int index = parseInt(read(entry.resolve("index"), "0"));
        Candidate c = new Candidate(new Node(number, label, devicePath, key), group, index);
        perDevice.merge(group, c, (a, b) -> a.index() < b.index()
            || (a.index() == b.index() && a.node().number() < b.node().number()) ? a : b);
      }
    }
    List<Node> nodes = new ArrayList<>();
    perDevice.values().forEach(c -> nodes.add(c.node()));
    nodes.sort(Comparator.comparingInt(Node::number));
    return nodes;
  }

  /** Nodes of one physical device share the target of their {@code device} link. */
  private static String deviceGroup(Path entry) {
    Path link = entry.resolve("device");
    try {
      return Files.exists(link) ? link.toRealPath().toString() : entry.getFileName().toString();
    } catch (IOException e) {
      return entry.getFileName().toString();
    }
  }

  /** Node name ("video0") to its {@code /dev/v4l/by-id} link name. */
  private Map<String, String> byIdNames() {
    Map<String, String> names = new HashMap<>();
    Path dir = devRoot.resolve("v4l").resolve("by-id");
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> links = Files.newDirectoryStream(dir)) {
      for (Path link : links) {
        if (Files.isSymbolicLink(link)) {
          Path target = Files.readSymbolicLink(link).getFileName();
          if (target != null) {
            names.putIfAbsent(target.toString(), "by-id:" + link.getFileName());
          }
        }
      }
    } catch (IOException e) {
      return names;
    }
    return names;
  }

  private static String read(Path file, String fallback) {
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).trim();
      return value.isEmpty() ? fallback : value;
    } catch (IOException e) {
      return fallback;
    }
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
