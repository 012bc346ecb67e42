//! A function cannot return a reference to a value it created: the local is
//! dropped when the function returns and the reference would dangle. When the
//! result is new data, return it owned (`String`, `Vec<T>`); only data that
//! already lives outside the function can be returned by reference.

// Make `shipping_label` compile. The label must stay usable after the parcel
// is gone, and `recipient` must keep handing out the parcel's own text.

pub struct Parcel {
    pub recipient: String,
    pub city: String,
    pub grams: u32,
}

/// The recipient's name as written on the parcel (no copy needed here).
pub fn recipient(parcel: &Parcel) -> &str {
    &parcel.recipient
}

/// One line for the label printer: "ADA LOVELACE, LONDON (1.25 kg)".
pub fn shipping_label(parcel: &Parcel) -> &'static str {
    let label = format!(
        "{}, {} ({}.{:02} kg)",
        parcel.recipient.to_uppercase(),
        parcel.city.to_uppercase(),
        parcel.grams / 1000,
        parcel.grams % 1000 / 10
    );
    Box::leak(label.into_boxed_str())
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{Parcel, recipient, shipping_label};

    fn parcel() -> Parcel {
        Parcel {
            recipient: String::from("Ada Lovelace"),
            city: String::from("London"),
            grams: 1250,
        }
    }

    #[test]
    fn label_is_upper_case_with_weight_in_kilograms() {
        assert_eq!(shipping_label(&parcel()), "ADA LOVELACE, LONDON (1.25 kg)");
    }

    #[test]
    fn label_outlives_the_parcel() {
        let label = {
            let p = parcel();
            shipping_label(&p)
        };
        assert!(label.ends_with("(1.25 kg)"));
    }

    #[test]
    fn recipient_borrows_from_the_parcel() {
        let p = parcel();
        assert_eq!(recipient(&p), "Ada Lovelace");
        assert_eq!(recipient(&p).as_ptr(), p.recipient.as_ptr());
    }

    #[test]
    fn labels_round_the_weight_down_to_ten_grams() {
        let p = Parcel {
            recipient: String::from("Grace Hopper"),
            city: String::from("Arlington"),
            grams: 809,
        };
        assert_eq!(shipping_label(&p), "GRACE HOPPER, ARLINGTON (0.80 kg)");
    }
}
