package vn.lienlac.infra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkerJobsTest {

  @Test
  void all_runs_every_job() {
    WorkerJobs jobs = WorkerJobs.parse("all");
    for (WorkerJobs.Job job : WorkerJobs.Job.values()) {
      assertThat(jobs.runs(job)).as(job.name()).isTrue();
    }
  }

  @Test
  void a_list_runs_only_what_it_names_whatever_the_spacing_and_case() {
    WorkerJobs jobs = WorkerJobs.parse(" Expansion, payments ");
    assertThat(jobs.runs(WorkerJobs.Job.EXPANSION)).isTrue();
    assertThat(jobs.runs(WorkerJobs.Job.PAYMENTS)).isTrue();
    assertThat(jobs.runs(WorkerJobs.Job.DELIVERY)).isFalse();
    assertThat(jobs.runs(WorkerJobs.Job.DIRECTORY_SYNC)).isFalse();
  }

  @Test
  void an_unknown_or_empty_list_is_refused_naming_what_is_wrong_and_what_is_allowed() {
    assertThatThrownBy(() -> WorkerJobs.parse("expansion,sms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sms")
        .hasMessageContaining("directory-sync, expansion, delivery, payments, threads");
    assertThatThrownBy(() -> WorkerJobs.parse(" , "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no job");
  }
}
