package vn.lienlac.infra.runtime;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which jobs a workers process runs (LIENLAC_WORKER_JOBS), so an operator can give a job machines of
 * its own, e.g. expansion of district-wide announcements apart from delivery. Every job is safe to run
 * in any number of processes (leases, SKIP LOCKED, advisory locks), so the default is all of them.
 */
public final class WorkerJobs {

  /** A job of the workers role, by the name used in the setting. */
  public enum Job {
    /** The district directory copy. */
    DIRECTORY_SYNC,
    /** Audience expansion of messages into recipient rows. */
    EXPANSION,
    /** Dispatch of recipients and notices into attempts, and the delivery workers. */
    DELIVERY,
    /** Reconciliation of bank transactions, the bank feed pull and invoice reminders. */
    PAYMENTS,
    /** Thread messages held back by office hours, released when the office opens. */
    THREADS;

    String settingName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Set<Job> jobs;

  private WorkerJobs(Set<Job> jobs) {
    this.jobs = jobs;
  }

  /** @throws IllegalArgumentException naming an unknown job, or for a list that names none */
  public static WorkerJobs parse(String text) {
    if (text.trim().equalsIgnoreCase("all")) {
      return new WorkerJobs(EnumSet.allOf(Job.class));
    }
    Set<Job> jobs = EnumSet.noneOf(Job.class);
    for (String part : text.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      jobs.add(Arrays.stream(Job.values()).filter(j -> j.settingName().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown job '" + name + "'; the jobs are " + names()
              + ", or all")));
    }
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("no job named; the jobs are " + names() + ", or all");
    }
    return new WorkerJobs(jobs);
  }

  public boolean runs(Job job) {
    return jobs.contains(job);
  }

  private static String names() {
    return Arrays.stream(Job.values()).map(Job::settingName).collect(Collectors.joining(", "));
  }
}
