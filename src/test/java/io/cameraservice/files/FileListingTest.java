package io.cameraservice.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.MediaSamples;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and info over a real catalog of real files (ffmpeg test patterns), through the real WebSocket API. */
class FileListingTest {

  static final Instant BASE = Instant.parse("2026-01-10T12:00:00Z");
  @TempDir
  static Path dir;
  static TestService service;
  static RpcClient viewer;

  /** 25 recordings on camera0 (one a minute), 5 on camera1, 3 snapshots; names sort like their times. */
  @BeforeAll
  static void start() {
    for (int i = 0; i < 25; i++) {
      MediaSamples.placeBytes(dir, "recordings", "camera0", name("camera0", i, "mp4"), 1000 + i, at(i));
    }
    for (int i = 0; i < 5; i++) {
      MediaSamples.placeBytes(dir, "recordings", "camera1", name("camera1", i, "mkv"), 500, at(i).plusSeconds(30));
    }
    MediaSamples.place(MediaSamples.mp4(), dir, "recordings", "camera2", "camera2_real.mp4", at(100));
    MediaSamples.place(MediaSamples.mkv(), dir, "recordings", "camera2", "camera2_real.mkv", at(101));
    for (int i = 0; i < 3; i++) {
      MediaSamples.place(MediaSamples.jpg(), dir, "snapshots", "camera0", name("camera0", i, "jpg"), at(i));
    }
    // Not catalogued: hidden, wrong extension, not a camera folder.
    MediaSamples.placeBytes(dir, "recordings", "camera0", ".partial.mp4", 10, at(200));
    MediaSamples.placeBytes(dir, "recordings", "camera0", "notes.txt", 10, at(200));
    MediaSamples.placeBytes(dir, "recordings", "backup", "camera9_x.mp4", 10, at(200));
    service = TestService.start(dir, tree -> tree.with("retention").put("enabled", false)).awaitCatalog();
    viewer = service.connect(Role.VIEWER);
  }

  @AfterAll
  static void stop() {
    viewer.close();
    service.close();
  }

  static Instant at(int minutes) {
    return BASE.plus(minutes, ChronoUnit.MINUTES);
  }

  static String name(String camera, int i, String ext) {
    return String.format("%s_2026-01-10_%05d.%s", camera, i, ext);
  }

  private static List<String> names(JsonObject page) {
    return page.getJsonArray("files").stream().map(f -> ((JsonObject) f).getString("filename"))
        .collect(Collectors.toList());
  }

  @Test
  void listsNewestFirstWithTotalAndDefaults() {
    JsonObject page = viewer.result("list_recordings", new JsonObject());
    assertThat(page.getLong("total")).isEqualTo(32);
    assertThat(page.getInteger("limit")).isEqualTo(50);
    assertThat(page.getInteger("offset")).isZero();
    List<String> names = names(page);
    assertThat(names).hasSize(32);
    assertThat(names.subList(0, 3)).containsExactly("camera2_real.mkv", "camera2_real.mp4",
        name("camera0", 24, "mp4"));
    JsonObject entry = page.getJsonArray("files").getJsonObject(2);
    assertThat(entry.getString("device")).isEqualTo("camera0");
    assertThat(entry.getLong("file_size")).isEqualTo(1024);
    assertThat(entry.getString("modified_time")).isEqualTo("2026-01-10T12:24:00Z");
    assertThat(entry.getString("format")).isEqualTo("mp4");
    assertThat(entry.getString("download_url")).startsWith("/files/recordings/" + name("camera0", 24, "mp4") + "?");
  }

  @Test
  void pagingEdges() {
    JsonObject one = viewer.result("list_recordings", new JsonObject().put("limit", 1).put("offset", 3));
    assertThat(names(one)).containsExactly(name("camera0", 23, "mp4"));
    assertThat(one.getLong("total")).isEqualTo(32);

    JsonObject all = viewer.result("list_recordings", new JsonObject().put("limit", 1000));
    assertThat(names(all)).hasSize(32);

    JsonObject past = viewer.result("list_recordings", new JsonObject().put("offset", 32));
    assertThat(past.getJsonArray("files")).isEmpty();
    assertThat(past.getLong("total")).isEqualTo(32);
    assertThat(past.getLong("offset")).isEqualTo(32);

    JsonObject last = viewer.result("list_recordings", new JsonObject().put("offset", 30).put("limit", 10));
    assertThat(names(last)).hasSize(2);

    for (int bad : new int[] {0, 1001}) {
      JsonObject error = viewer.call("list_recordings", new JsonObject().put("limit", bad)).getJsonObject("error");
      assertThat(error.getInteger("code")).isEqualTo(-32602);
      assertThat(error.getJsonObject("data").getString("param")).isEqualTo("limit");
      assertThat(error.getJsonObject("data").getString("reason")).isEqualTo("out_of_range");
    }
    JsonObject negative = viewer.call("list_recordings", new JsonObject().put("offset", -1)).getJsonObject("error");
    assertThat(negative.getJsonObject("data").getString("param")).isEqualTo("offset");
  }

  @Test
  void filtersByDeviceAndTime() {
    JsonObject camera1 = viewer.result("list_recordings", new JsonObject().put("device", "camera1"));
    assertThat(camera1.getLong("total")).isEqualTo(5);
    assertThat(names(camera1)).allMatch(n -> n.startsWith("camera1_"));

    // since is inclusive, until exclusive.
    JsonObject window = viewer.result("list_recordings", new JsonObject().put("device", "camera0")
        .put("since", "2026-01-10T12:10:00Z").put("until", "2026-01-10T12:15:00Z"));
    assertThat(names(window)).containsExactly(name("camera0", 14, "mp4"), name("camera0", 13, "mp4"),
        name("camera0", 12, "mp4"), name("camera0", 11, "mp4"), name("camera0", 10, "mp4"));
    assertThat(window.getLong("total")).isEqualTo(5);

    JsonObject since = viewer.result("list_recordings", new JsonObject().put("since", "2026-01-10T12:04:00Z")
        .put("limit", 2));
    assertThat(since.getLong("total")).isEqualTo(24);
    JsonObject until = viewer.result("list_recordings", new JsonObject().put("until", "2026-01-10T12:01:00Z"));
    assertThat(names(until)).containsExactlyInAnyOrder(name("camera0", 0, "mp4"), name("camera1", 0, "mkv"));
    assertThat(until.getLong("total")).isEqualTo(2);

    JsonObject nobody = viewer.result("list_recordings", new JsonObject().put("device", "camera7"));
    assertThat(nobody.getLong("total")).isZero();

    JsonObject badDevice = viewer.call("list_recordings", new JsonObject().put("device", "../camera0"))
        .getJsonObject("error");
    assertThat(badDevice.getJsonObject("data").getString("param")).isEqualTo("device");
    JsonObject badTime = viewer.call("list_recordings", new JsonObject().put("since", "yesterday"))
        .getJsonObject("error");
    assertThat(badTime.getJsonObject("data").getString("param")).isEqualTo("since");
    JsonObject reversed = viewer.call("list_recordings", new JsonObject().put("since", "2026-01-10T13:00:00Z")
        .put("until", "2026-01-10T12:00:00Z")).getJsonObject("error");
    assertThat(reversed.getJsonObject("data").getString("param")).isEqualTo("until");
  }

  @Test
  void recordingInfoHasProbedDurationAndFormat() {
    JsonObject mp4 = viewer.result("get_recording_info", new JsonObject().put("filename", "camera2_real.mp4"));
    assertThat(mp4.getDouble("duration")).isCloseTo(MediaSamples.DURATION_SECONDS, org.assertj.core.data.Offset
        .offset(0.2));
    assertThat(mp4.getString("format")).isEqualTo("mp4");
    assertThat(mp4.getString("device")).isEqualTo("camera2");
    assertThat(mp4.getString("created_time")).isNotNull();
    assertThat(mp4.getString("download_url")).startsWith("/files/recordings/camera2_real.mp4?");

    JsonObject mkv = viewer.result("get_recording_info", new JsonObject().put("filename", "camera2_real.mkv"));
    assertThat(mkv.getString("format")).isEqualTo("mkv");
    assertThat(mkv.getDouble("duration")).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.2));

    // The listing carries the duration too, once probed (the info call probed it, the backfill does the rest).
    JsonObject first = viewer.result("list_recordings", new JsonObject().put("device", "camera2"))
        .getJsonArray("files").getJsonObject(0);
    assertThat(first.getDouble("duration")).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.2));

    // A file that is not media has no duration, and saying so is not an error.
    JsonObject junk = viewer.result("get_recording_info", new JsonObject().put("filename",
        name("camera0", 3, "mp4")));
    assertThat(junk.containsKey("duration")).isTrue();
    assertThat(junk.getValue("duration")).isNull();
  }

  @Test
  void snapshotsHaveTheirOwnListingAndResolution() {
    JsonObject page = viewer.result("list_snapshots", new JsonObject());
    assertThat(names(page)).containsExactly(name("camera0", 2, "jpg"), name("camera0", 1, "jpg"),
        name("camera0", 0, "jpg"));
    JsonObject entry = page.getJsonArray("files").getJsonObject(0);
    assertThat(entry.containsKey("duration")).isFalse();
    assertThat(entry.getString("format")).isEqualTo("jpg");
    assertThat(entry.getString("download_url")).startsWith("/files/snapshots/");
    JsonObject info = viewer.result("get_snapshot_info", new JsonObject().put("filename", name("camera0", 1, "jpg")));
    assertThat(info.getString("resolution")).isEqualTo("320x240");
    assertThat(info.getString("device")).isEqualTo("camera0");
  }

  @Test
  void namesWithoutExtensionWhenUnambiguous() {
    JsonObject info = viewer.result("get_recording_info", new JsonObject().put("filename",
        "camera0_2026-01-10_00007"));
    assertThat(info.getString("filename")).isEqualTo(name("camera0", 7, "mp4"));
    JsonObject ambiguous = viewer.call("get_recording_info", new JsonObject().put("filename", "camera2_real"))
        .getJsonObject("error");
    assertThat(ambiguous.getInteger("code")).isEqualTo(-32602);
    assertThat(ambiguous.getJsonObject("data").getString("reason")).isEqualTo("ambiguous_filename");
  }

  @Test
  void badAndUnknownNames() {
    for (String bad : new String[] {"../catalog.db", "a/b.mp4", "a\\b.mp4", "x\u0000.mp4", "..", "", "a\nb.mp4",
        "x".repeat(256)}) {
      JsonObject error = viewer.call("get_recording_info", new JsonObject().put("filename", bad))
          .getJsonObject("error");
      assertThat(error.getInteger("code")).as(bad).isEqualTo(-32602);
      assertThat(error.getJsonObject("data").getString("param")).isEqualTo("filename");
      assertThat(error.getJsonObject("data").getString("rule")).isNotBlank();
    }
    JsonObject missing = viewer.call("get_snapshot_info", new JsonObject().put("filename", "nope.jpg"))
        .getJsonObject("error");
    assertThat(missing.getInteger("code")).isEqualTo(-32010);
    assertThat(missing.getJsonObject("data").getString("resource")).isEqualTo("snapshot");
    assertThat(missing.getJsonObject("data").getString("id")).isEqualTo("nope.jpg");
    // A recording's name is not a snapshot.
    JsonObject wrongKind = viewer.call("get_snapshot_info", new JsonObject().put("filename",
        name("camera0", 1, "mp4"))).getJsonObject("error");
    assertThat(wrongKind.getInteger("code")).isEqualTo(-32010);
  }

  @Test
  void viewersMayNotDeleteOrManageStorage() {
    JsonObject delete = viewer.call("delete_recording", new JsonObject().put("filename", name("camera0", 1, "mp4")))
        .getJsonObject("error");
    assertThat(delete.getInteger("code")).isEqualTo(-32002);
    assertThat(viewer.call("get_storage_info").getJsonObject("error").getInteger("code")).isEqualTo(-32002);
    JsonArray files = viewer.result("list_recordings", new JsonObject().put("limit", 1000)).getJsonArray("files");
    assertThat(files).hasSize(32);
  }
}
