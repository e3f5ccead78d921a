package org.replprov.engines.embedded.transport;

/**
 * Relative paths inside a replicated folder: {@code /}-separated names, none of them empty, {@code .} or {@code ..},
 * none containing a NUL or a backslash. An upstream could send any name; checking them here keeps every path the
 * engine writes inside the replica.
 */
public final class Paths {

    private Paths() {
    }

    /** {@code path} itself when it is a valid relative path. */
    public static String requireRelative(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        // Called for every entry of every listing: one scan over the characters, no splitting.
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                requireName(path.substring(start, i), path);
                start = i + 1;
            }
        }
        return path;
    }

    /** True when {@code name} can be one segment of a relative path. */
    public static boolean isValidName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    /** {@code child} appended to {@code parent} ("" is the folder root). */
    public static String child(String parent, String child) {
        requireName(child, child);
        return parent.isEmpty() ? child : parent + "/" + child;
    }

    /** The directory holding {@code path}; "" for an entry of the root. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static void requireName(String name, String path) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid path '" + path.replace("\0", "\\0") + "'");
        }
    }
}
