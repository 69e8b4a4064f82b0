package PACKAGE;

/**
 * A deliberately breaking change of the fixture: name() is removed, count(String) takes a CharSequence (binary
 * incompatible), the class becomes final and the constant is gone. Existing callers and subclasses break.
 */
public final class ApiFixture {

  public int count(CharSequence filter) {
    return filter.length();
  }
}
