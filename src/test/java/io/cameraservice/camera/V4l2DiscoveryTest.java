package io.cameraservice.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaTesting;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V4L2 discovery on a fake device tree (the roots are configurable) with a stand-in for {@code v4l2-ctl} that prints
 * real captured output: no webcam can be plugged in here, everything else is the real service.
 */
class V4l2DiscoveryTest {

  @TempDir
  Path dir;
  Path sys;
  Path dev;
  Path fixtures;

  @BeforeEach
  void tree() throws IOException {
    sys = dir.resolve("sys");
    dev = dir.resolve("dev");
    fixtures = Files.createDirectories(dir.resolve("fixtures"));
    Files.createDirectories(sys.resolve("class/video4linux"));
  }

  @Test
  void webcamIsFoundAsOneCameraAndFollowedThroughUnplugAndReplug() throws Exception {
    Files.createDirectories(dev);
    plug(0, "usb1/1-1", "HD Webcam C270", "logitech-c270.txt", "usb-046d_0825_ABC123-video-index0");
    metadataNode(1, "usb1/1-1");
    try (TestService service = TestService.start(dir.resolve("data"), v4l2(3600));
        RpcClient client = service.connect(Role.VIEWER)) {
      MediaTesting.await("camera0", Duration.ofSeconds(10), () -> cameras(client).size() == 1);
      JsonObject camera = cameras(client).getJsonObject(0);
      assertThat(camera.getString("device")).isEqualTo("camera0");
      assertThat(camera.getString("status")).isEqualTo("CONNECTED");
      assertThat(camera.getString("name")).isEqualTo("HD Webcam C270");
      assertThat(camera.getString("resolution")).isEqualTo("1280x720");
      assertThat(camera.getInteger("fps")).isEqualTo(30);
      JsonObject caps = client.result("get_camera_capabilities", new JsonObject().put("device", "camera0"));
      assertThat(caps.getJsonArray("formats")).containsExactly("YUYV", "MJPG");
      assertThat(caps.getString("validation_status")).isEqualTo("CONFIRMED");
      assertThat(client.call("get_camera_status", new JsonObject().put("device", "camera0")).encode())
          .as("device paths never reach clients").doesNotContain(dev.toString()).doesNotContain("/dev/video");

      unplug(0);
      unplug(1);
      JsonObject gone = client.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera0", "DISCONNECTED"));
      assertThat(gone.getJsonObject("params").getJsonObject("streams")).isEmpty();
      assertThat(client.result("get_camera_capabilities", new JsonObject().put("device", "camera0"))
          .getString("validation_status")).isEqualTo("DISCONNECTED");

      // Back on another port, so another node: the same stable identity gets the same id.
      plug(2, "usb1/1-2", "HD Webcam C270", "logitech-c270.txt", "usb-046d_0825_ABC123-video-index0");
      client.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera0", "CONNECTED"));

      // A different camera on /dev/video3 is camera3.
      plug(3, "usb1/1-3", "HD Pro Webcam C920", "logitech-c920.txt", "usb-046d_082d_XYZ789-video-index0");
      client.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera3", "CONNECTED"));
      JsonObject c920 = client.result("get_camera_status", new JsonObject().put("device", "camera3"));
      assertThat(c920.getString("resolution")).isEqualTo("1280x720");
      assertThat(c920.getJsonObject("capabilities").getJsonArray("formats")).containsExactly("YUYV", "H264", "MJPG");

      JsonObject system = client.result("get_system_status", null);
      assertThat(system.getJsonArray("available_cameras")).containsExactly("camera0", "camera3");
      assertThat(system.getBoolean("discovery_active")).isTrue();
    }
  }

  @Test
  void periodicScanFindsWhatTheWatcherCannotSee() throws Exception {
    // No /dev root at start: nothing to watch, so only the periodic reconciliation can find the camera.
    try (TestService service = TestService.start(dir.resolve("data"), v4l2(1));
        RpcClient client = service.connect(Role.VIEWER)) {
      assertThat(cameras(client)).isEmpty();
      Files.createDirectories(dev);
      plug(0, "usb1/1-1", "USB Camera", "uvc-legacy-layout.txt", null);
      client.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera0", "CONNECTED"));
      assertThat(cameras(client).getJsonObject(0).getString("resolution")).isEqualTo("1280x720");
    }
  }

  /** Where the stand-in v4l2-ctl logs the device of each run. */
  private Path probes() {
    return dir.resolve("probes.log");
  }

  private long probesOf(int n) throws IOException {
    return Files.readAllLines(probes()).stream().filter(l -> l.endsWith("/video" + n)).count();
  }

  @Test
  void aNodeWithoutCaptureFormatsIsProbedOnceNotOnEveryScan() throws Exception {
    Files.createDirectories(dev);
    plug(5, "platform/codec", "bcm2835-codec-decode", "uvc-metadata-node.txt", null); // index 0, no capture formats
    plug(0, "usb1/1-1", "HD Webcam C270", "logitech-c270.txt", "usb-046d_0825_ABC123-video-index0");
    try (TestService service = TestService.start(dir.resolve("data"), v4l2(3600));
        RpcClient client = service.connect(Role.VIEWER)) {
      MediaTesting.await("camera0", Duration.ofSeconds(10), () -> cameras(client).size() == 1);
      // Each plug is a hot-plug scan of the whole tree, the codec node included.
      plug(3, "usb1/1-3", "HD Pro Webcam C920", "logitech-c920.txt", "usb-046d_082d_XYZ789-video-index0");
      client.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera3", "CONNECTED"));
      plug(4, "usb1/1-4", "USB Camera", "uvc-legacy-layout.txt", null);
      client.awaitNotification(n -> MediaTesting.cameraUpdate(n, "camera4", "CONNECTED"));
      assertThat(cameras(client)).hasSize(3);
      assertThat(probesOf(5)).isEqualTo(1);
      assertThat(probesOf(0)).isEqualTo(1);
    }
  }

  private Consumer<ObjectNode> v4l2(int scanSeconds) throws IOException {
    Path probe = dir.resolve("v4l2-ctl");
    Files.writeString(probe, "#!/bin/sh\n# stand-in for v4l2-ctl: $1 is --device=PATH\n"
        + "echo \"$1\" >> \"" + probes() + "\"\n"
        + "cat \"" + fixtures + "/$(basename \"${1#--device=}\").txt\"\n");
    Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwx------"));
    return tree -> tree.with("cameras").with("v4l2").put("enabled", true).put("sys_root", sys.toString())
        .put("dev_root", dev.toString()).put("probe_command", probe.toString())
        .put("scan_interval_seconds", scanSeconds);
  }

  /** As udev does it: sysfs first, then the by-id link, then the device node (which the watcher sees). */
  private void plug(int n, String usbPath, String name, String fixture, String byId) throws IOException {
    Path device = Files.createDirectories(sys.resolve("devices").resolve(usbPath));
    Path node = Files.createDirectories(sys.resolve("class/video4linux/video" + n));
    Files.writeString(node.resolve("name"), name + "\n");
    Files.writeString(node.resolve("index"), "0\n");
    Files.createSymbolicLink(node.resolve("device"), device);
    Files.writeString(fixtures.resolve("video" + n + ".txt"), V4l2FormatParserTest.fixture(fixture));
    if (byId != null) {
      Path links = Files.createDirectories(dev.resolve("v4l/by-id"));
      Files.deleteIfExists(links.resolve(byId));
      Files.createSymbolicLink(links.resolve(byId), Path.of("../../video" + n));
    }
    Files.createFile(dev.resolve("video" + n));
  }

  private void metadataNode(int n, String usbPath) throws IOException {
    Path node = Files.createDirectories(sys.resolve("class/video4linux/video" + n));
    Files.writeString(node.resolve("name"), "HD Webcam C270\n");
    Files.writeString(node.resolve("index"), "1\n");
    Files.createSymbolicLink(node.resolve("device"), sys.resolve("devices").resolve(usbPath));
    Files.writeString(fixtures.resolve("video" + n + ".txt"), V4l2FormatParserTest.fixture("uvc-metadata-node.txt"));
    Files.createFile(dev.resolve("video" + n));
  }

  private void unplug(int n) throws IOException {
    Path node = sys.resolve("class/video4linux/video" + n);
    Files.delete(node.resolve("device"));
    Files.delete(node.resolve("name"));
    Files.delete(node.resolve("index"));
    Files.delete(node);
    Files.delete(dev.resolve("video" + n));
  }

  private static io.vertx.core.json.JsonArray cameras(RpcClient client) {
    return client.result("get_camera_list", null).getJsonArray("cameras");
  }
}
