//! The process's own metrics, read from `/proc` at each scrape under the names Prometheus's
//! client libraries give them: resident and virtual memory, CPU time, open and allowed file
//! descriptors, start time. They are what an operator alerts on first.

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;

/// Reads the figures of this process at each scrape.
#[derive(Debug)]
pub(super) struct Process;

/// One reading of `/proc/self`.
struct Reading {
    resident_bytes: f64,
    virtual_bytes: f64,
    cpu_seconds: f64,
    start_time_seconds: f64,
    open_fds: f64,
    max_fds: f64,
}

impl Collector for Process {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        // Where /proc cannot be read (not Linux), there is nothing to tell.
        let Some(now) = read() else { return Ok(()) };
        let gauges = [
            (
                "process_resident_memory_bytes",
                "Resident memory size in bytes",
                now.resident_bytes,
            ),
            (
                "process_virtual_memory_bytes",
                "Virtual memory size in bytes",
                now.virtual_bytes,
            ),
            (
                "process_start_time_seconds",
                "Start time of the process since the Unix epoch in seconds",
                now.start_time_seconds,
            ),
            (
                "process_open_fds",
                "Number of open file descriptors",
                now.open_fds,
            ),
            (
                "process_max_fds",
                "Maximum number of open file descriptors",
                now.max_fds,
            ),
        ];
        for (name, help, value) in gauges {
            let gauge = ConstGauge::new(value);
            gauge.encode(encoder.encode_descriptor(name, help, None, gauge.metric_type())?)?;
        }
        let cpu = ConstCounter::new(now.cpu_seconds);
        let help = "Total user and system CPU time spent in seconds";
        cpu.encode(encoder.encode_descriptor(
            "process_cpu_seconds",
            help,
            None,
            cpu.metric_type(),
        )?)
    }
}

/// The figures now, from `/proc/self/stat`, `/proc/self/fd` and the file limit.
fn read() -> Option<Reading> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let field = |n: usize| fields.get(n - 3)?.parse::<f64>().ok();
    // SAFETY: sysconf and getrlimit only read the process's settings.
    let (ticks, page, limit) = unsafe {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
        (
            libc::sysconf(libc::_SC_CLK_TCK) as f64,
            libc::sysconf(libc::_SC_PAGESIZE) as f64,
            limit.rlim_cur as f64,
        )
    };
    let boot = std::fs::read_to_string("/proc/stat")
        .ok()?
        .lines()
        .find_map(|line| line.strip_prefix("btime ")?.trim().parse::<f64>().ok())?;
    let open = std::fs::read_dir("/proc/self/fd").ok()?.count() as f64;
    Some(Reading {
        resident_bytes: field(24)? * page,
        virtual_bytes: field(23)?,
        cpu_seconds: (field(14)? + field(15)?) / ticks,
        start_time_seconds: boot + field(22)? / ticks,
        // The folder read itself held one descriptor.
        open_fds: open - 1.0,
        max_fds: limit,
    })
}
