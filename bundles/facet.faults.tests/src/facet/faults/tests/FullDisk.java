package facet.faults.tests;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A simulated full disk: a view of the real file system whose files, when their name matches,
 * take only a few bytes before every further write fails with "No space left on device", as
 * the kernel's ENOSPC does. The code under test runs unchanged on paths of this view
 * ({@link #path}); everything else passes through to the default file system.
 */
final class FullDisk {

	private final Provider provider = new Provider();
	private final View view = new View();
	private final Predicate<String> full;
	private final int bytesBeforeFull;

	/**
	 * @param full which file names (the last path element) run out of space
	 * @param bytesBeforeFull how many bytes such a file takes before writes fail
	 */
	FullDisk(Predicate<String> full, int bytesBeforeFull) {
		this.full = full;
		this.bytesBeforeFull = bytesBeforeFull;
	}

	/** The same file or folder, seen through this full disk. */
	Path path(Path real) {
		return new FullPath(real);
	}

	private Path unwrap(Path path) {
		return path instanceof FullPath p ? p.real : path;
	}

	private boolean full(Path path) {
		Path name = unwrap(path).getFileName();
		return name != null && full.test(name.toString());
	}

	private final class FullPath implements Path {

		final Path real;

		FullPath(Path real) {
			this.real = real;
		}

		private Path wrap(Path p) {
			return p == null ? null : new FullPath(p);
		}

		@Override
		public FileSystem getFileSystem() {
			return view;
		}

		@Override
		public boolean isAbsolute() {
			return real.isAbsolute();
		}

		@Override
		public Path getRoot() {
			return wrap(real.getRoot());
		}

		@Override
		public Path getFileName() {
			return wrap(real.getFileName());
		}

		@Override
		public Path getParent() {
			return wrap(real.getParent());
		}

		@Override
		public int getNameCount() {
			return real.getNameCount();
		}

		@Override
		public Path getName(int index) {
			return wrap(real.getName(index));
		}

		@Override
		public Path subpath(int beginIndex, int endIndex) {
			return wrap(real.subpath(beginIndex, endIndex));
		}

		@Override
		public boolean startsWith(Path other) {
			return real.startsWith(unwrap(other));
		}

		@Override
		public boolean endsWith(Path other) {
			return real.endsWith(unwrap(other));
		}

		@Override
		public Path normalize() {
			return wrap(real.normalize());
		}

		@Override
		public Path resolve(Path other) {
			return wrap(real.resolve(unwrap(other)));
		}

		@Override
		public Path relativize(Path other) {
			return wrap(real.relativize(unwrap(other)));
		}

		@Override
		public URI toUri() {
			return real.toUri();
		}

		@Override
		public Path toAbsolutePath() {
			return wrap(real.toAbsolutePath());
		}

		@Override
		public Path toRealPath(LinkOption... options) throws IOException {
			return wrap(real.toRealPath(options));
		}

		@Override
		public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int compareTo(Path other) {
			return real.compareTo(unwrap(other));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof FullPath p && p.real.equals(real);
		}

		@Override
		public int hashCode() {
			return real.hashCode();
		}

		@Override
		public String toString() {
			return real.toString();
		}
	}

	private final class View extends FileSystem {

		private final FileSystem real = Path.of("").getFileSystem();

		@Override
		public FileSystemProvider provider() {
			return provider;
		}

		@Override
		public void close() {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public boolean isReadOnly() {
			return false;
		}

		@Override
		public String getSeparator() {
			return real.getSeparator();
		}

		@Override
		public Iterable<Path> getRootDirectories() {
			List<Path> roots = new ArrayList<>();
			real.getRootDirectories().forEach(r -> roots.add(new FullPath(r)));
			return roots;
		}

		@Override
		public Iterable<FileStore> getFileStores() {
			return real.getFileStores();
		}

		@Override
		public Set<String> supportedFileAttributeViews() {
			return real.supportedFileAttributeViews();
		}

		@Override
		public Path getPath(String first, String... more) {
			return new FullPath(real.getPath(first, more));
		}

		@Override
		public PathMatcher getPathMatcher(String syntaxAndPattern) {
			PathMatcher matcher = real.getPathMatcher(syntaxAndPattern);
			return p -> matcher.matches(unwrap(p));
		}

		@Override
		public UserPrincipalLookupService getUserPrincipalLookupService() {
			return real.getUserPrincipalLookupService();
		}

		@Override
		public WatchService newWatchService() {
			throw new UnsupportedOperationException();
		}
	}

	private final class Provider extends FileSystemProvider {

		private FileSystemProvider real() {
			return view.real.provider();
		}

		@Override
		public String getScheme() {
			return "fulldisk";
		}

		@Override
		public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
			throw new UnsupportedOperationException();
		}

		@Override
		public FileSystem getFileSystem(URI uri) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Path getPath(URI uri) {
			throw new UnsupportedOperationException();
		}

		@Override
		public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
			return newFileChannel(path, options, attrs);
		}

		@Override
		public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
			FileChannel channel = real().newFileChannel(unwrap(path), options, attrs);
			return full(path) ? new FullChannel(channel, bytesBeforeFull) : channel;
		}

		@Override
		public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
			DirectoryStream<Path> stream = real().newDirectoryStream(unwrap(dir), p -> filter.accept(new FullPath(p)));
			return new DirectoryStream<>() {
				@Override
				public Iterator<Path> iterator() {
					Iterator<Path> it = stream.iterator();
					return new Iterator<>() {
						@Override
						public boolean hasNext() {
							return it.hasNext();
						}

						@Override
						public Path next() {
							return new FullPath(it.next());
						}
					};
				}

				@Override
				public void close() throws IOException {
					stream.close();
				}
			};
		}

		@Override
		public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
			real().createDirectory(unwrap(dir), attrs);
		}

		@Override
		public void delete(Path path) throws IOException {
			real().delete(unwrap(path));
		}

		@Override
		public void copy(Path source, Path target, CopyOption... options) throws IOException {
			real().copy(unwrap(source), unwrap(target), options);
		}

		@Override
		public void move(Path source, Path target, CopyOption... options) throws IOException {
			real().move(unwrap(source), unwrap(target), options);
		}

		@Override
		public boolean isSameFile(Path path, Path path2) throws IOException {
			return real().isSameFile(unwrap(path), unwrap(path2));
		}

		@Override
		public boolean isHidden(Path path) throws IOException {
			return real().isHidden(unwrap(path));
		}

		@Override
		public FileStore getFileStore(Path path) throws IOException {
			return real().getFileStore(unwrap(path));
		}

		@Override
		public void checkAccess(Path path, AccessMode... modes) throws IOException {
			real().checkAccess(unwrap(path), modes);
		}

		@Override
		public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
			return real().getFileAttributeView(unwrap(path), type, options);
		}

		@Override
		public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
			return real().readAttributes(unwrap(path), type, options);
		}

		@Override
		public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
			return real().readAttributes(unwrap(path), attributes, options);
		}

		@Override
		public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
			real().setAttribute(unwrap(path), attribute, value, options);
		}
	}

	/** A channel that writes its first bytes, then fails as a full disk does. */
	private static final class FullChannel extends FileChannel {

		private final FileChannel real;
		private int left;

		FullChannel(FileChannel real, int left) {
			this.real = real;
			this.left = left;
		}

		private ByteBuffer allowed(ByteBuffer src) throws IOException {
			if (left <= 0 && src.hasRemaining()) {
				throw new IOException("No space left on device");
			}
			ByteBuffer part = src.slice();
			part.limit(Math.min(part.remaining(), left));
			return part;
		}

		@Override
		public int write(ByteBuffer src) throws IOException {
			ByteBuffer part = allowed(src);
			int n = real.write(part);
			src.position(src.position() + n);
			left -= n;
			return n;
		}

		@Override
		public int write(ByteBuffer src, long position) throws IOException {
			ByteBuffer part = allowed(src);
			int n = real.write(part, position);
			src.position(src.position() + n);
			left -= n;
			return n;
		}

		@Override
		public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
			long total = 0;
			for (int i = offset; i < offset + length; i++) {
				total += write(srcs[i]);
			}
			return total;
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			return real.read(dst);
		}

		@Override
		public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
			return real.read(dsts, offset, length);
		}

		@Override
		public int read(ByteBuffer dst, long position) throws IOException {
			return real.read(dst, position);
		}

		@Override
		public long position() throws IOException {
			return real.position();
		}

		@Override
		public FileChannel position(long newPosition) throws IOException {
			real.position(newPosition);
			return this;
		}

		@Override
		public long size() throws IOException {
			return real.size();
		}

		@Override
		public FileChannel truncate(long size) throws IOException {
			real.truncate(size);
			return this;
		}

		@Override
		public void force(boolean metaData) throws IOException {
			real.force(metaData);
		}

		@Override
		public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
			return real.transferTo(position, count, target);
		}

		@Override
		public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
			throw new IOException("No space left on device");
		}

		@Override
		public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
			throw new IOException("No space left on device");
		}

		@Override
		public FileLock lock(long position, long size, boolean shared) throws IOException {
			return real.lock(position, size, shared);
		}

		@Override
		public FileLock tryLock(long position, long size, boolean shared) throws IOException {
			return real.tryLock(position, size, shared);
		}

		@Override
		protected void implCloseChannel() throws IOException {
			real.close();
		}
	}
}
