//! You cannot move a value out from behind `&mut`: the owner would be left
//! with a hole. Instead, swap something valid in as you take the value out,
//! in one step, so the struct is whole at every instant.

// Make the log shipper compile and pass without copying any batch.

/// Buffers log lines and ships them in batches, one batch in flight at a time.
#[derive(Debug, Default)]
pub struct Shipper {
    buffer: Vec<String>,
    in_flight: Option<Vec<String>>,
    shipped: usize,
}

impl Shipper {
    pub fn log(&mut self, line: &str) {
        self.buffer.push(line.to_string());
    }

    /// Sends everything buffered as one batch, unless a batch is still in flight
    /// or nothing is buffered. Returns the size of the batch sent.
    pub fn send(&mut self) -> Option<usize> {
        if self.in_flight.is_some() || self.buffer.is_empty() {
            return None;
        }
        let batch = std::mem::take(&mut self.buffer);
        let size = batch.len();
        self.in_flight = Some(batch);
        Some(size)
    }

    /// The collector acknowledged the batch in flight: hands it back (for
    /// archiving) and counts its lines as shipped.
    pub fn ack(&mut self) -> Option<Vec<String>> {
        let batch = self.in_flight.as_mut().map(std::mem::take);
        if let Some(lines) = &batch {
            self.shipped += lines.len();
        }
        batch
    }

    pub fn shipped(&self) -> usize {
        self.shipped
    }
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::Shipper;

    #[test]
    fn one_batch_in_flight_at_a_time() {
        let mut shipper = Shipper::default();
        assert_eq!(shipper.send(), None);
        shipper.log("GET /");
        shipper.log("GET /about");
        assert_eq!(shipper.send(), Some(2));
        shipper.log("POST /login");
        assert_eq!(
            shipper.send(),
            None,
            "the first batch is not acknowledged yet"
        );
        assert_eq!(
            shipper.ack(),
            Some(vec![String::from("GET /"), String::from("GET /about")])
        );
        assert_eq!(shipper.ack(), None, "a batch is acknowledged only once");
        assert_eq!(shipper.send(), Some(1));
        assert_eq!(shipper.ack(), Some(vec![String::from("POST /login")]));
        assert_eq!(shipper.shipped(), 3);
    }

    #[test]
    fn the_batch_is_moved_not_copied() {
        let mut shipper = Shipper::default();
        shipper.log("GET /metrics");
        shipper.log("GET /health");
        let buffer = shipper.buffer.as_ptr();
        let line = shipper.buffer[1].as_ptr();
        assert_eq!(shipper.send(), Some(2));
        assert!(shipper.buffer.is_empty());
        let batch = shipper.ack().unwrap_or_default();
        assert_eq!(
            batch.as_ptr(),
            buffer,
            "the batch should be the buffer itself"
        );
        assert_eq!(batch[1].as_ptr(), line);
        assert_eq!(shipper.in_flight, None);
    }

    #[test]
    fn nothing_to_acknowledge() {
        let mut shipper = Shipper::default();
        assert_eq!(shipper.ack(), None);
        shipper.log("GET /");
        assert_eq!(shipper.ack(), None, "a buffered line is not in flight yet");
        assert_eq!(shipper.shipped(), 0);
    }
}
