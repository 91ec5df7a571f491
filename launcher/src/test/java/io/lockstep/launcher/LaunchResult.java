package io.lockstep.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

/** One in-process run of the launcher's entry point, with what it printed. */
record LaunchResult(int exitCode, String out, String err) {
    static LaunchResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new LaunchResult(code, out.toString(), err.toString());
    }

    /** Also echoes the output to the test's stdout as it comes, so that a slow CI run can be followed live. */
    static LaunchResult runEchoing(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new Tee(out), true), new PrintWriter(new Tee(err), true), args);
        return new LaunchResult(code, out.toString(), err.toString());
    }

    private static final class Tee extends Writer {
        private final StringWriter copy;

        Tee(StringWriter copy) {
            this.copy = copy;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            copy.write(buf, off, len);
            System.out.print(new String(buf, off, len));
        }

        @Override
        public void flush() {
            System.out.flush();
        }

        @Override
        public void close() {
        }
    }
}
