package vn.lienlac.messaging.template;

import java.util.List;

/**
 * What the per-recipient variables are filled with for one guardian: the children the message concerns
 * (siblings are named together, "An, Bình"), their classes, the school, the guardian.
 */
public record RecipientContext(List<String> studentNames, List<String> classNames, String schoolName,
                               String guardianName) {

  public RecipientContext {
    studentNames = studentNames == null ? List.of() : List.copyOf(studentNames);
    classNames = classNames == null ? List.of() : classNames.stream().distinct().toList();
  }
}
