package io.cameraservice.testing;

import io.cameraservice.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/** Runs a command-line tool (the product's, unless told) in-process and captures what it prints. */
public final class Cli {

  public record Result(int exitCode, String out, String err) {}

  private Cli() {}

  public static Result run(String... args) {
    return run(Main::run, args);
  }

  /** {@code tool} is an entry point that answers an exit status, such as {@code BenchMain::run}. */
  public static synchronized Result run(ToIntFunction<String[]> tool, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = tool.applyAsInt(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
