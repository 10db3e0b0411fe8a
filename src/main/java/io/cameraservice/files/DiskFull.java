package io.cameraservice.files;

import io.cameraservice.domain.Failure;
import io.cameraservice.domain.FailureKind;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognises a write refused because the file system is full (ENOSPC), whichever layer reports it: the JDK and
 * Vert.x as an IOException (wrapped or not) with the operating system's "No space left on device", SQLite as
 * SQLITE_FULL. The free-space floor refuses new files before this; this is what happens when something else fills
 * the disk anyway.
 */
public final class DiskFull {

  private static final String ENOSPC = "No space left on device";

  private DiskFull() {}

  public static boolean is(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      // A FileSystemException's message carries its reason; Vert.x's wrapper keeps the JDK's exception as cause.
      if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL
          || e.getMessage() != null && e.getMessage().contains(ENOSPC)) {
        return true;
      }
    }
    return false;
  }

  /** What a client is told when the disk refused a write: -32060 with reason {@code disk_full}. */
  static Failure failure(String what) {
    return new Failure(FailureKind.NO_SPACE, "disk_full").with("detail", what + ": no space left on the disk");
  }
}
