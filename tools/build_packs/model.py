"""A tiny pre-norm Transformer in plain PyTorch whose modules map 1:1 onto
``ctranslate2.specs.TransformerSpec`` (see ``convert.py``).

* embeddings scaled by sqrt(d_model) + a fixed sinusoidal table (stored explicitly and
  exported as ``position_encodings.encodings``);
* one embedding matrix shared by the encoder, the decoder and the output projection; the
  projection has its own bias;
* self-attention with a fused QKV projection, cross-attention with a Q projection and a
  fused KV projection (the layouts CTranslate2 expects);
* pre-norm residual blocks, LayerNorm eps 1e-6, final LayerNorm on encoder and decoder;
* no BOS/EOS on the source; the decoder reads ``<s> y`` and predicts ``y </s>``.
"""

from __future__ import annotations

import math

import torch
from common import ModelConfig
from torch import Tensor, nn
from torch.nn import functional as F


def sinusoidal_table(max_positions: int, d_model: int) -> Tensor:
    """[max_positions, d_model] table: sin in the first half, cos in the second half."""
    half = d_model // 2
    position = torch.arange(max_positions, dtype=torch.float64).unsqueeze(1)
    inv_freq = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float64) / (half - 1))
    angles = position * inv_freq.unsqueeze(0)
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1).float()


class MultiHeadAttention(nn.Module):
    """Pre-norm multi-head attention (``MultiHeadAttentionSpec``).

    Self-attention: ``linear[0]`` = fused QKV, ``linear[1]`` = output.
    Cross-attention: ``linear[0]`` = Q, ``linear[1]`` = fused KV, ``linear[2]`` = output.
    """

    def __init__(self, cfg: ModelConfig, self_attention: bool) -> None:
        super().__init__()
        d = cfg.d_model
        self.heads = cfg.heads
        self.self_attention = self_attention
        self.layer_norm = nn.LayerNorm(d, eps=cfg.layer_norm_eps)
        if self_attention:
            self.linear = nn.ModuleList([nn.Linear(d, 3 * d), nn.Linear(d, d)])
        else:
            self.linear = nn.ModuleList([nn.Linear(d, d), nn.Linear(d, 2 * d), nn.Linear(d, d)])
        self.dropout = nn.Dropout(cfg.dropout)

    def _split(self, x: Tensor) -> Tensor:
        b, t, d = x.shape
        return x.view(b, t, self.heads, d // self.heads).transpose(1, 2)

    def forward(self, x: Tensor, mask: Tensor, memory: Tensor | None = None) -> Tensor:
        """``mask`` is a boolean tensor broadcastable to [B, H, Tq, Tk]; True = masked."""
        h = self.layer_norm(x)
        if self.self_attention:
            q, k, v = self.linear[0](h).chunk(3, dim=-1)
            out_proj = self.linear[1]
        else:
            assert memory is not None
            q = self.linear[0](h)
            k, v = self.linear[1](memory).chunk(2, dim=-1)
            out_proj = self.linear[2]
        q, k, v = self._split(q), self._split(k), self._split(v)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
        scores = scores.masked_fill(mask, float("-inf"))
        attn = self.dropout(torch.softmax(scores, dim=-1))
        ctx = torch.matmul(attn, v).transpose(1, 2).reshape(x.shape)
        return x + self.dropout(out_proj(ctx))


class FeedForward(nn.Module):
    """Pre-norm FFN (``FeedForwardSpec``: layer_norm, linear_0, ReLU, linear_1)."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.layer_norm = nn.LayerNorm(cfg.d_model, eps=cfg.layer_norm_eps)
        self.linear_0 = nn.Linear(cfg.d_model, cfg.ffn)
        self.linear_1 = nn.Linear(cfg.ffn, cfg.d_model)
        self.dropout = nn.Dropout(cfg.dropout)

    def forward(self, x: Tensor) -> Tensor:
        h = F.relu(self.linear_0(self.layer_norm(x)))
        return x + self.dropout(self.linear_1(self.dropout(h)))


class EncoderLayer(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.self_attention = MultiHeadAttention(cfg, self_attention=True)
        self.ffn = FeedForward(cfg)

    def forward(self, x: Tensor, src_mask: Tensor) -> Tensor:
        return self.ffn(self.self_attention(x, src_mask))


class DecoderLayer(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.self_attention = MultiHeadAttention(cfg, self_attention=True)
        self.attention = MultiHeadAttention(cfg, self_attention=False)
        self.ffn = FeedForward(cfg)

    def forward(self, y: Tensor, memory: Tensor, self_mask: Tensor, cross_mask: Tensor) -> Tensor:
        y = self.self_attention(y, self_mask)
        y = self.attention(y, cross_mask, memory)
        return self.ffn(y)


class TinyTransformer(nn.Module):
    """Encoder-decoder with a shared embedding and tied output projection."""

    def __init__(self, vocab_size: int, cfg: ModelConfig, pad_id: int) -> None:
        super().__init__()
        self.cfg = cfg
        self.pad_id = pad_id
        self.embeddings = nn.Embedding(vocab_size, cfg.d_model)
        nn.init.normal_(self.embeddings.weight, mean=0.0, std=cfg.d_model**-0.5)
        self.register_buffer(
            "position_encodings", sinusoidal_table(cfg.max_positions, cfg.d_model), persistent=True
        )
        self.encoder_layers = nn.ModuleList([EncoderLayer(cfg) for _ in range(cfg.enc_layers)])
        self.encoder_norm = nn.LayerNorm(cfg.d_model, eps=cfg.layer_norm_eps)
        self.decoder_layers = nn.ModuleList([DecoderLayer(cfg) for _ in range(cfg.dec_layers)])
        self.decoder_norm = nn.LayerNorm(cfg.d_model, eps=cfg.layer_norm_eps)
        self.output_bias = nn.Parameter(torch.zeros(vocab_size))
        self.dropout = nn.Dropout(cfg.dropout)
        self._init_linear()

    def _init_linear(self) -> None:
        for module in self.modules():
            if isinstance(module, nn.Linear):
                nn.init.xavier_uniform_(module.weight)
                nn.init.zeros_(module.bias)

    def _embed(self, ids: Tensor) -> Tensor:
        x = self.embeddings(ids) * math.sqrt(self.cfg.d_model)
        return self.dropout(x + self.position_encodings[: ids.shape[1]].unsqueeze(0))

    def encode(self, src: Tensor) -> tuple[Tensor, Tensor]:
        """Return encoder output [B, S, D] and the key padding mask [B, 1, 1, S]."""
        src_mask = (src == self.pad_id)[:, None, None, :]
        x = self._embed(src)
        for layer in self.encoder_layers:
            x = layer(x, src_mask)
        return self.encoder_norm(x), src_mask

    def decode(self, tgt_in: Tensor, memory: Tensor, src_mask: Tensor) -> Tensor:
        """Return logits [B, T, V] for decoder input ``tgt_in``."""
        t = tgt_in.shape[1]
        causal = torch.triu(torch.ones(t, t, dtype=torch.bool, device=tgt_in.device), 1)
        self_mask = causal[None, None, :, :] | (tgt_in == self.pad_id)[:, None, None, :]
        y = self._embed(tgt_in)
        for layer in self.decoder_layers:
            y = layer(y, memory, self_mask, src_mask)
        y = self.decoder_norm(y)
        return F.linear(y, self.embeddings.weight, self.output_bias)

    def forward(self, src: Tensor, tgt_in: Tensor) -> Tensor:
        memory, src_mask = self.encode(src)
        return self.decode(tgt_in, memory, src_mask)

    @torch.no_grad()
    def greedy(self, src: Tensor, bos_id: int, eos_id: int, max_len: int = 96) -> list[list[int]]:
        """Greedy decoding (used only for a quick training-set check)."""
        memory, src_mask = self.encode(src)
        b = src.shape[0]
        ys = torch.full((b, 1), bos_id, dtype=torch.long)
        done = torch.zeros(b, dtype=torch.bool)
        for _ in range(max_len):
            logits = self.decode(ys, memory, src_mask)[:, -1]
            nxt = logits.argmax(-1)
            nxt = torch.where(done, torch.full_like(nxt, self.pad_id), nxt)
            ys = torch.cat([ys, nxt[:, None]], dim=1)
            done |= nxt == eos_id
            if bool(done.all()):
                break
        out: list[list[int]] = []
        for row in ys[:, 1:].tolist():
            seq: list[int] = []
            for tok in row:
                if tok in (eos_id, self.pad_id):
                    break
                seq.append(tok)
            out.append(seq)
        return out


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
