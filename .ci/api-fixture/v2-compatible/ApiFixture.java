package PACKAGE;

/** A compatible change of the fixture: a method is added, nothing is removed or changed. */
public class ApiFixture {

  public static final String KIND = "fixture";

  public String name() {
    return "v2";
  }

  public int count(String filter) {
    return filter.length();
  }

  public boolean isEmpty() {
    return false;
  }
}
