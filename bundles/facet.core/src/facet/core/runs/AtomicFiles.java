package facet.core.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a crash never leaves a half-written file that looks whole: the bytes go
 * to a temporary file in the same folder, are forced to disk, and the temporary file is renamed
 * over the target in one step.
 */
public final class AtomicFiles {

	/** Prefix of temporary files; readers of a run folder ignore files that start with it. */
	public static final String TEMP_PREFIX = ".tmp-";

	private AtomicFiles() {
	}

	public static void write(Path target, String text) throws IOException {
		write(target, text.getBytes(StandardCharsets.UTF_8));
	}

	public static void write(Path target, byte[] bytes) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path temp = Files.createTempFile(dir, TEMP_PREFIX + target.getFileName(), ".part");
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				// some network file systems: a plain replace is the best they offer
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * Appends one line in a single write and forces it to disk, so that concurrent readers see
	 * whole lines, and a crash can at worst leave an unterminated last line, which readers skip.
	 */
	public static void appendLine(Path target, String line) throws IOException {
		if (line.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("a JSON line must not contain a line break");
		}
		try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(false);
		}
	}
}
