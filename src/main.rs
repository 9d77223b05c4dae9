fn main() {
    #[cfg(target_arch = "wasm32")]
    dispute_desk::ui::start();
}
