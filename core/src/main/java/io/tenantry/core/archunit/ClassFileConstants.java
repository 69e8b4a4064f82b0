package io.tenantry.core.archunit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The string constants of a class file. ArchUnit's model has no constants, and javac copies a
 * {@code static final String} into every class that uses it ({@code TenantFilters.SYSTEM_SESSION}
 * leaves no trace of {@code TenantFilters}), so a rule that must see one reads the class file's
 * constant pool (JVMS 4.4) itself.
 */
final class ClassFileConstants {

  private ClassFileConstants() {}

  /** Whether {@code javaClass}'s class file loads the string constant {@code value}; false if unreadable. */
  static boolean contains(JavaClass javaClass, String value) {
    Optional<Source> source = javaClass.getSource();
    if (source.isEmpty()) {
      return false;
    }
    try (InputStream in = source.get().getUri().toURL().openStream()) {
      return stringConstants(new DataInputStream(in)).contains(value);
    } catch (IOException | RuntimeException unreadable) {
      return false; // a class file that cannot be read again: nothing more to learn than ArchUnit's model
    }
  }

  private static List<String> stringConstants(DataInputStream in) throws IOException {
    in.readInt(); // magic
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    Map<Integer, String> utf8 = new HashMap<>();
    List<Integer> strings = new ArrayList<>();
    for (int index = 1; index < count; index++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1: // Utf8
          utf8.put(index, in.readUTF());
          break;
        case 8: // String
          strings.add(in.readUnsignedShort());
          break;
        case 7: case 16: case 19: case 20: // Class, MethodType, Module, Package
          in.skipNBytes(2);
          break;
        case 15: // MethodHandle
          in.skipNBytes(3);
          break;
        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
          in.skipNBytes(4);
          break;
        case 5: case 6: // Long, Double take two slots
          in.skipNBytes(8);
          index++;
          break;
        default:
          throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> values = new ArrayList<>();
    for (int index : strings) {
      values.add(utf8.get(index));
    }
    return values;
  }
}
