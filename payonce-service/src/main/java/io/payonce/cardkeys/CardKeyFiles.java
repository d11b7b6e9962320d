package io.payonce.cardkeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The card-key encryption keys of an embedded database, one file per version in the data folder
 * ({@code card-keys/v1.key}, {@code v2.key}, ...): the Base64 of 32 random bytes, readable by the
 * owner only (mode 600, folder 700). A key file is created once, never overwritten, and a file
 * readable by others stops start-up, as ssh does with a private key.
 */
final class CardKeyFiles {

    private static final Pattern NAME = Pattern.compile("v([1-9][0-9]{0,8})\\.key");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    CardKeyFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path file(int version) {
        return dir.resolve("v" + version + ".key");
    }

    /** Every key file by version; when there is none yet, version 1 is generated first. */
    NavigableMap<Integer, byte[]> loadOrCreateFirst() {
        NavigableMap<Integer, byte[]> keys = load();
        if (keys.isEmpty()) {
            keys.put(1, create(1));
        }
        return keys;
    }

    NavigableMap<Integer, byte[]> load() {
        NavigableMap<Integer, byte[]> keys = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    keys.put(Integer.parseInt(name.group(1)), read(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the card-key key files in " + dir, e);
        }
        return keys;
    }

    /**
     * Writes a new random key for {@code version}. The file is born with mode 600 (never readable by
     * others, not even for a moment), written and fsynced before its directory entry is, and
     * CREATE_NEW makes an existing key impossible to overwrite.
     */
    byte[] create(int version) {
        byte[] key = CardKeyCipher.randomKey();
        Path file = file(version);
        try {
            createDirectory();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the card-key key file " + file, e);
        }
        return key;
    }

    /** The folder, and a data folder above it that does not exist yet, are born owner-only. */
    private void createDirectory() throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    }

    /** Makes the new file's name durable: without this a power cut could keep data sealed under a key whose file is gone. */
    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static byte[] read(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!Collections.disjoint(permissions, Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE))) {
                throw new IllegalStateException("payonce.data.dir (PAYONCE_DATA_DIR): the card-key key file " + file
                        + " is readable or writable by others (" + PosixFilePermissions.toString(permissions) + "); run chmod 600 on it");
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != CardKeyCipher.KEY_BYTES) {
                throw new IllegalStateException("payonce.data.dir (PAYONCE_DATA_DIR): the card-key key file " + file
                        + " must hold the Base64 of " + CardKeyCipher.KEY_BYTES + " bytes, not " + key.length);
            }
            return key;
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("payonce.data.dir (PAYONCE_DATA_DIR): the card-key key file " + file + " is not Base64");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the card-key key file " + file, e);
        }
    }
}
