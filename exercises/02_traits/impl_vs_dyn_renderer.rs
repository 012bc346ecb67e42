//! `impl Trait` means "one concrete type, chosen at compile time" (static
//! dispatch, monomorphised, inlinable). `dyn Trait` means "any type, chosen at
//! run time", reached through a pointer and a vtable. A function returning a
//! renderer picked from a config value at run time needs `dyn`, behind a pointer.

// The exporter picks its renderer from the config at run time, and does not
// compile. Make `renderer_for` return a renderer chosen at run time, and make
// `export` accept both a concrete renderer and one that `renderer_for` returned.

struct Rect {
    x: u32,
    y: u32,
    w: u32,
    h: u32,
}

trait Renderer {
    fn render(&self, rect: &Rect) -> String;
}

struct Svg;

struct Ascii;

impl Renderer for Svg {
    fn render(&self, r: &Rect) -> String {
        format!(
            r#"<rect x="{}" y="{}" width="{}" height="{}"/>"#,
            r.x, r.y, r.w, r.h
        )
    }
}

impl Renderer for Ascii {
    fn render(&self, r: &Rect) -> String {
        format!("[{}x{} @ {},{}]", r.w, r.h, r.x, r.y)
    }
}

/// "svg" gives `Svg`; anything else falls back to `Ascii`.
fn renderer_for(format: &str) -> dyn Renderer {
    if format == "svg" { Svg } else { Ascii }
}

/// One line per rectangle.
fn export(renderer: &impl Renderer, scene: &[Rect]) -> String {
    scene
        .iter()
        .map(|r| renderer.render(r))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rectangles of at least `min_area`: a lazily filtered view, returned as
/// `impl Iterator` because there is exactly one concrete iterator type.
fn large(scene: &[Rect], min_area: u32) -> impl Iterator<Item = &Rect> {
    scene.iter().filter(move |r| r.w * r.h >= min_area)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Ascii, Rect, Renderer, Svg, export, large, renderer_for};

    fn scene() -> Vec<Rect> {
        vec![
            Rect {
                x: 0,
                y: 0,
                w: 4,
                h: 2,
            },
            Rect {
                x: 5,
                y: 1,
                w: 1,
                h: 1,
            },
        ]
    }

    #[test]
    fn renderer_is_chosen_at_run_time() {
        let format = String::from("svg");
        let svg = renderer_for(&format);
        assert_eq!(
            svg.render(&scene()[1]),
            r#"<rect x="5" y="1" width="1" height="1"/>"#
        );
        assert_eq!(renderer_for("txt").render(&scene()[1]), "[1x1 @ 5,1]");
    }

    #[test]
    fn export_takes_static_and_dynamic_renderers() {
        let lines = "[4x2 @ 0,0]\n[1x1 @ 5,1]";
        assert_eq!(export(&Ascii, &scene()), lines);
        assert_eq!(export(renderer_for("ascii").as_ref(), &scene()), lines);
        assert!(export(&Svg, &scene()).starts_with("<rect"));
    }

    #[test]
    fn large_is_a_lazy_view() {
        let scene = scene();
        let big: Vec<u32> = large(&scene, 2).map(|r| r.w).collect();
        assert_eq!(big, [4]);
    }

    #[test]
    fn the_choice_is_a_boxed_trait_object() {
        let _: fn(&str) -> Box<dyn Renderer> = renderer_for;
        let chosen: &dyn Renderer = &Svg;
        assert!(export(chosen, &scene()).starts_with("<rect"));
    }
}
