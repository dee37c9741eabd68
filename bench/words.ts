/**
 * Fallback vocabulary for the synthetic corpus when the seed listing
 * (`../shared/seeds/paper-listing.txt`) is not there: words of real ML abstracts, most common
 * first, so a Zipf draw over this order looks like abstract text.
 */
export const FALLBACK_WORDS: readonly string[] = `
the of and to a in we for is that on with models model language this our as by are large
from data an performance be training which learning can it these tasks LLMs approach
results show method methods based such its task novel propose using reasoning while
generation through both across has new framework however diverse multimodal existing
evaluation benchmark demonstrate significant understanding inference have effective
quality efficient than between state-of-the-art or video image images text vision dataset
fine-tuning capabilities achieves further at also into not more not limited challenges
diffusion agents agent alignment reward policy reinforcement human feedback preference
retrieval augmented knowledge graph memory context long-context attention transformer
tokens token decoding speculative latency throughput compression quantization pruning
distillation teacher student sparse mixture experts routing scaling laws compute budget
code generation program synthesis mathematical math problems proofs theorem chain thought
visual question answering captioning grounding segmentation detection tracking depth
3D scene reconstruction rendering radiance fields gaussian splatting NeRF point cloud
speech audio music voice conversion synthesis recognition translation multilingual
low-resource languages medical clinical biomedical protein molecule chemistry materials
robot robotic manipulation navigation embodied planning control world simulation
safety jailbreak attacks adversarial robustness privacy watermarking hallucination
factuality calibration uncertainty interpretability probing circuits neurons features
tabular time series forecasting recommendation search ranking web browsing tools
instruction tuning supervised pretraining corpus synthetic curriculum self-improvement
verifier critic judge evaluation leaderboard arena human-annotated crowdsourced
efficiency memory-efficient kernels GPU hardware serving cache KV paged batching
autoregressive masked flow matching consistency distillation sampler noise schedule
editing personalization customization style transfer inpainting super-resolution
layout documents charts tables OCR screenshots GUI mobile desktop interfaces
`
  .split(/\s+/)
  .filter((w) => w.length > 0);
