use std::time::Instant;
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    for _ in 0..5 {
        let t = Instant::now();
        let mut d = Vec::new();
        let input = sopkb::load::load(&root, &mut d).ok().unwrap();
        let t0 = t.elapsed();
        let _site = sopkb::validate::validate(&input, &mut d);
        let t1 = t.elapsed();
        let c = sopkb::pipeline::check(&root).ok().unwrap();
        let t1b = t.elapsed();
        let theme = sopkb::render::theme::Theme::load(&c.root, &c.site.config.theme, c.lang()).ok().unwrap();
        let t2 = t.elapsed();
        let files = sopkb::render::render(&c.site, &theme).unwrap();
        let t3 = t.elapsed();
        let mut one = c.site.clone();
        one.sops.truncate(1);
        let t4 = t.elapsed();
        let _ = sopkb::render::render(&one, &theme).unwrap();
        let t5 = t.elapsed();
        println!("load {:?} validate {:?} check {:?} theme {:?} render {:?} render1 {:?} files {}", t0, t1-t0, t1b-t1, t2 - t1b, t3 - t2, t5-t4, files.len());
    }
}
