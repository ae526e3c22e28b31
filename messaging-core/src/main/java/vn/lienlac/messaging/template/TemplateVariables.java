package vn.lienlac.messaging.template;

import java.util.List;
import java.util.Set;

/**
 * The variables a school template may use. Some are filled per recipient from the directory (the
 * child's name and class, the guardian's name, the school); the others are given by the sender when
 * sending ({@code amount} in đồng, {@code date} as yyyy-MM-dd, free {@code time}, {@code place},
 * {@code note}).
 */
public final class TemplateVariables {

  public static final String STUDENT_NAME = "student.name";
  public static final String CLASS_NAME = "class.name";
  public static final String SCHOOL_NAME = "school.name";
  public static final String GUARDIAN_NAME = "guardian.name";
  public static final String AMOUNT = "amount";
  public static final String DATE = "date";
  public static final String TIME = "time";
  public static final String PLACE = "place";
  public static final String NOTE = "note";

  /** Filled from the directory for each recipient. */
  public static final Set<String> PER_RECIPIENT = Set.of(STUDENT_NAME, CLASS_NAME, SCHOOL_NAME, GUARDIAN_NAME);
  /** Given by the sender, the same for every recipient. */
  public static final Set<String> FROM_SENDER = Set.of(AMOUNT, DATE, TIME, PLACE, NOTE);
  /** Every variable, in a stable order for messages. */
  public static final List<String> KNOWN = List.of(STUDENT_NAME, CLASS_NAME, SCHOOL_NAME, GUARDIAN_NAME,
      AMOUNT, DATE, TIME, PLACE, NOTE);

  private TemplateVariables() {}

  public static boolean known(String name) {
    return PER_RECIPIENT.contains(name) || FROM_SENDER.contains(name);
  }
}
